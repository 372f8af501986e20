"""Serializes one AWS request the way botocore would send it, for IdcKmsGuard's wire-format tests.

Reads {"service": "sso-admin", "operation": "UpdateInstance", "params": {...}} on stdin and prints
{"botocore": version, "method", "path", "headers": {"X-Amz-Target", "Content-Type"}, "body": base64 of the exact
bytes}. It uses botocore's own parameter validation, serializer and request preparation, so a member the installed
model lacks fails here (exit 3) instead of being dropped. Parameter order is the order of the input object, which is
the order botocore serializes query parameters in.
"""

import base64
import json
import sys

try:
    import botocore
    import botocore.awsrequest
    import botocore.serialize
    import botocore.session
    from botocore.exceptions import ParamValidationError
except ImportError:
    print("error: botocore is not installed (pip install botocore)", file=sys.stderr)
    sys.exit(2)

ENDPOINT = "https://example.invalid"


def serialize(service: str, operation: str, params: dict) -> dict:
    model = botocore.session.get_session().get_service_model(service)
    operation_model = model.operation_model(operation)
    serializer = botocore.serialize.create_serializer(model.metadata["protocol"], include_validation=True)
    request_dict = serializer.serialize_to_request(params, operation_model)
    botocore.awsrequest.prepare_request_dict(request_dict, endpoint_url=ENDPOINT)
    prepared = botocore.awsrequest.create_request_object(request_dict).prepare()
    body = prepared.body or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    return {
        "botocore": botocore.__version__,
        "method": prepared.method,
        "path": prepared.url[len(ENDPOINT):],
        "headers": {name: prepared.headers.get(name) for name in ("X-Amz-Target", "Content-Type")},
        "body": base64.b64encode(body).decode("ascii"),
    }


def main() -> int:
    request = json.load(sys.stdin)
    try:
        result = serialize(request["service"], request["operation"], request.get("params", {}))
    except ParamValidationError as error:
        print(f"error: botocore {botocore.__version__} rejects the parameters: {error}", file=sys.stderr)
        return 3
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
