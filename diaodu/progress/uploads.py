"""Site photos: checked as images by Pillow, limited in size, stored under a name of our own."""

import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from .models import ProgressReport, ReportPhoto

MAX_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 60_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "HEIF": "heic", "MPO": "jpg"}


def save_photo(*, report: ProgressReport, upload, caption: str = "") -> ReportPhoto:
    """Attach an uploaded photo to a report, refusing what is not an image or is too large."""
    name = getattr(upload, "name", "photo")
    if upload.size > MAX_BYTES:
        raise ValidationError({"photos": _("照片“%(name)s”超过15MB，请压缩后再传。") % {"name": name}})
    data = upload.read()
    try:
        with Image.open(ContentFile(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError({"photos": _("照片“%(name)s”像素过大。") % {"name": name}})
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError(
            {"photos": _("“%(name)s”不是可识别的图片（支持 JPEG、PNG、WebP）。") % {"name": name}}
        ) from None
    if kind not in FORMATS:
        raise ValidationError({"photos": _("“%(name)s”的格式 %(kind)s 不受支持。") % {"name": name, "kind": kind}})
    photo = ReportPhoto(report=report, caption=caption[:200])
    # Our own file name: the uploader's name never reaches the file system.
    photo.image.save(f"{uuid.uuid4().hex}.{FORMATS[kind]}", ContentFile(data), save=False)
    photo.save()
    return photo
