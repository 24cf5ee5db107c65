"""Drives csportal through the Python client that openapi-python-client
generated from api-spec/openapi.json: log in, list cases with a sort, create
a case, upload a file. Run by clients.test.mjs with the generated package on
PYTHONPATH and CSPORTAL_URL naming a running server with demo data."""

import io
import os
import sys
import uuid

from csportal_api_client import AuthenticatedClient, Client
from csportal_api_client.api.auth import login
from csportal_api_client.api.cases import create_case, list_cases, upload_attachments
from csportal_api_client.api.installed_products import list_installed_products
from csportal_api_client.models import (
    AttachmentUpload,
    CaseSort,
    CreateCaseRequest,
    LoginRequest,
    SortOrder,
)
from csportal_api_client.types import File

# The smallest valid PNG: the server tells the type by the content.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def check(condition, message):
    if not condition:
        print(f"python client: {message}", file=sys.stderr)
        sys.exit(1)


def main():
    base_url = os.environ["CSPORTAL_URL"]
    answer = login.sync_detailed(
        client=Client(base_url=base_url),
        body=LoginRequest(username="nl.user", password="Welcome-2026"),
    )
    check(answer.status_code == 200, f"login answered {answer.status_code}")
    api = AuthenticatedClient(base_url=base_url, token=answer.parsed.access_token)

    cases = list_cases.sync_detailed(client=api, sort=CaseSort.PRIORITY, order=SortOrder.ASC)
    check(cases.status_code == 200, f"list cases answered {cases.status_code}")
    priorities = [case.priority for case in cases.parsed.items]
    check(priorities == sorted(priorities), f"cases not sorted by priority: {priorities}")

    products = list_installed_products.sync_detailed(client=api)
    check(products.status_code == 200, f"list products answered {products.status_code}")
    product = products.parsed.items[0]

    created = create_case.sync_detailed(
        client=api,
        idempotency_key=str(uuid.uuid4()),
        body=CreateCaseRequest(
            installed_product_id=product.id,
            priority=4,
            description="Generated Python client: table moves with a delay",
        ),
    )
    check(created.status_code == 201, f"create case answered {created.status_code}: {created.content!r}")
    case = created.parsed

    uploaded = upload_attachments.sync_detailed(
        id=case.id,
        client=api,
        body=AttachmentUpload(
            file=[File(payload=io.BytesIO(PNG), file_name="photo.png", mime_type="image/png")]
        ),
    )
    check(uploaded.status_code == 201, f"upload answered {uploaded.status_code}: {uploaded.content!r}")
    names = [a.file_name for a in uploaded.parsed.attachments]
    check(names == ["photo.png"], f"attachments after upload: {names}")
    print(f"python client: created {case.number} with {names[0]}")


if __name__ == "__main__":
    main()
