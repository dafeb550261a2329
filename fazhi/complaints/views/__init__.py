"""The complaint pages: the staff area at /work/complaints/ (the register, entering a letter, a
visit or a hotline transfer, the .xlsx import of 12345 transfers, a complaint's page with its
steps) and the public pages at /complaints/ (the form, the receipt code, the status page)."""

from fazhi.complaints.views.public import captcha_image, public_index, public_new, public_status
from fazhi.complaints.views.staff import (
    complaint_action,
    complaint_create,
    complaint_detail,
    complaint_import,
    complaint_list,
)

__all__ = [
    "captcha_image",
    "complaint_action",
    "complaint_create",
    "complaint_detail",
    "complaint_import",
    "complaint_list",
    "public_index",
    "public_new",
    "public_status",
]
