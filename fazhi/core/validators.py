from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's length rule with a message in the platform's own words (Django's Chinese
    catalogue lacks this message's current wording, so it came out in English)."""

    def get_error_message(self) -> str:
        return _("密码长度太短，至少需要 %(min_length)d 个字符。") % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return _("密码至少包含 %(min_length)d 个字符。") % {"min_length": self.min_length}
