from django.http import HttpResponse

from diaodu.core.views import member_required


@member_required
def ledger_import(request):
    return HttpResponse("台账导入：建设中")
