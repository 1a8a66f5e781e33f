"""The zone, its areas, departments, organisations and people."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from diaodu.core.models import BaseModel
from diaodu.core.validators import CreditCodeValidator

from .choices import AreaKind, OrganisationKind


class Zone(BaseModel):
    """The development zone this deployment serves; there is exactly one."""

    name = models.CharField(_("开发区名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=30, blank=True)
    division_code = models.CharField(
        _("行政区划代码"),
        max_length=6,
        validators=[RegexValidator(r"^\d{6}$", _("行政区划代码应为6位数字，如 220105。"))],
    )
    # Always True and unique: a second zone cannot be saved.
    singleton = models.BooleanField(default=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("开发区")
        verbose_name_plural = _("开发区")

    def __str__(self):
        return self.name

    @classmethod
    def current(cls):
        return cls.objects.first()


class Area(BaseModel):
    """A part of the zone: the new town (城), a development belt (带) or a park (园), as a tree."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=AreaKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级片区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(_("定位与说明"), blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("片区")
        verbose_name_plural = _("片区")

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("上级片区不能是它自己或它的下级。")})
            ancestor = ancestor.parent


class Department(BaseModel):
    """A department of the administration (责任单位): 经发局, 自然资源局, 征收办 …"""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=30, blank=True)
    duties = models.TextField(_("主要职责"), blank=True)
    phone = models.CharField(_("办公电话"), max_length=30, blank=True)
    # The head is notified first when an issue assigned to the department is overdue.
    head = models.ForeignKey(
        "Person", verbose_name=_("负责人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("部门")
        verbose_name_plural = _("部门")

    def __str__(self):
        return self.name


class Organisation(BaseModel):
    """An organisation outside the administration: a platform company (聚丰, 广汇), an enterprise."""

    name = models.CharField(_("名称"), max_length=200, unique=True)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    kind = models.CharField(
        _("类型"), max_length=16, choices=OrganisationKind.choices, default=OrganisationKind.ENTERPRISE
    )
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, validators=[CreditCodeValidator()])
    address = models.CharField(_("地址"), max_length=200, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=~Q(credit_code=""),
                name="org_organisation_unique_credit_code",
            )
        ]

    def __str__(self):
        return self.short_name or self.name

    def save(self, *args, **kwargs):
        self.credit_code = self.credit_code.strip().upper()
        super().save(*args, **kwargs)


class Person(BaseModel):
    """An official or contact; may exist without a login, as imported officials do."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登录账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    name = models.CharField(_("姓名"), max_length=50)
    title = models.CharField(_("职务"), max_length=100, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    phone = models.CharField(_("手机"), max_length=30, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    is_active = models.BooleanField(_("在职"), default=True)

    class Meta:
        ordering = ["department__sort_order", "name"]
        verbose_name = _("人员")
        verbose_name_plural = _("人员")

    def __str__(self):
        return self.name

    @property
    def has_login(self) -> bool:
        return self.user_id is not None
