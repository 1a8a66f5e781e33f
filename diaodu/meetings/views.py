from django.http import HttpResponse

from diaodu.core.views import member_required


@member_required
def meeting_list(request):
    return HttpResponse("调度会：建设中")
