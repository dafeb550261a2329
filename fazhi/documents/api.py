"""/api/v1/documents — filled in with the library API."""

from ninja import Router

router = Router(tags=["规范性文件"])
