from django.http import HttpResponse

from diaodu.core.views import member_required


@member_required
def cockpit(request):
    return HttpResponse("驾驶舱：建设中")


@member_required
def zone_map(request):
    return HttpResponse("一张图：建设中")
