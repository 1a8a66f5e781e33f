from django.http import HttpResponse

from diaodu.core.views import member_required


@member_required
def ranking(request):
    return HttpResponse("考核评价：建设中")
