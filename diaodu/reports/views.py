from django.http import HttpResponse

from diaodu.core.views import member_required


@member_required
def bulletin_list(request):
    return HttpResponse("调度通报：建设中")
