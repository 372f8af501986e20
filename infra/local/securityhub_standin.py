"""Security Hub as IdcKmsGuard uses it, where moto 5.2.1 differs from the service (applied by moto_server.apply_extensions).

* BatchImportFindings needs Security Hub enabled in the account and Region (InvalidAccessException otherwise, as AWS
  answers); moto takes findings anyway.
* An import that updates an existing finding cannot change its Workflow (or Note, UserDefinedFields,
  VerificationState): the service keeps the customer's investigation state, moto overwrote it.
* An update that turns RecordState from ARCHIVED to ACTIVE, or Compliance.Status from PASSED to anything else,
  resets a NOTIFIED or RESOLVED workflow to NEW (the service's documented rule).
* BatchUpdateFindings (PATCH /findings/batchupdate; moto has no route and answers 404): sets Workflow.Status and Note of the findings named by Id and ProductArn,
  and lists the ones it cannot find as UnprocessedFindings.
* GetFindings honours an Id filter with Comparison EQUALS (moto ignores Filters and returns every finding).
"""

import json

from moto.core.exceptions import JsonRESTError
from moto.securityhub.models import Finding, SecurityHubBackend
from moto.securityhub.responses import SecurityHubResponse

CUSTOMER_FIELDS = ("Workflow", "Note", "UserDefinedFields", "VerificationState")


class InvalidAccess(JsonRESTError):
    code = 401

    def __init__(self, account: str):
        super().__init__("InvalidAccessException", f"Account {account} is not subscribed to AWS Security Hub")


def _import(original):
    def batch_import_findings(self: SecurityHubBackend, findings):
        if not self.enabled:
            raise InvalidAccess(self.account_id)
        existing = {f.id: f for f in self.findings}
        before, prepared = {}, []
        for finding in findings:
            old = existing.get(finding.get("Id"))
            if old is not None:
                before[old.id] = (dict(old.data), {name: old.data[name] for name in CUSTOMER_FIELDS if name in old.data})
                finding = {k: v for k, v in finding.items() if k not in CUSTOMER_FIELDS}
            elif "Workflow" not in finding:
                finding = {**finding, "Workflow": {"Status": "NEW"}}
            prepared.append(finding)
        result = original(self, prepared)
        for finding in self.findings:
            if finding.id in before:
                old, customer = before[finding.id]
                finding.data.update(customer)
                _reset_workflow(finding, old)
        return result

    return batch_import_findings


def _reset_workflow(finding: Finding, old: dict) -> None:
    reactivated = old.get("RecordState") == "ARCHIVED" and finding.data.get("RecordState") == "ACTIVE"
    failing_again = (old.get("Compliance") or {}).get("Status") == "PASSED" and (finding.data.get("Compliance") or {}).get("Status") != "PASSED"
    if (reactivated or failing_again) and (finding.data.get("Workflow") or {}).get("Status") in ("NOTIFIED", "RESOLVED"):
        finding.data["Workflow"] = {"Status": "NEW"}


def batch_update_findings(self: SecurityHubResponse) -> str:
    body = json.loads(self.body or "{}")
    backend = self.securityhub_backend
    processed, unprocessed = [], []
    for identifier in body.get("FindingIdentifiers", []):
        found = next((f for f in backend.findings if f.id == identifier.get("Id") and f.data.get("ProductArn") == identifier.get("ProductArn")), None)
        if found is None:
            unprocessed.append({"FindingIdentifier": identifier, "ErrorCode": "FindingNotFound", "ErrorMessage": "Finding Not Found"})
            continue
        if "Workflow" in body:
            found.data["Workflow"] = {"Status": body["Workflow"]["Status"]}
        if "Note" in body:
            found.data["Note"] = {**body["Note"], "UpdatedAt": found.data.get("UpdatedAt")}
        processed.append(identifier)
    return json.dumps({"ProcessedFindings": processed, "UnprocessedFindings": unprocessed})


def _get_with_id_filter(original):
    def get_findings(self: SecurityHubResponse) -> str:
        answer = json.loads(original(self))
        ids = [f["Value"] for f in ((self._get_param("Filters") or {}).get("Id") or []) if f.get("Comparison") == "EQUALS"]
        if ids:
            answer["Findings"] = [f for f in answer.get("Findings", []) if f.get("Id") in ids]
        return json.dumps(answer)

    return get_findings


def apply() -> None:
    import moto.securityhub.urls as routes

    routes.url_paths["{0}/findings/batchupdate$"] = SecurityHubResponse.dispatch
    SecurityHubBackend.batch_import_findings = _import(SecurityHubBackend.batch_import_findings)
    SecurityHubResponse.batch_update_findings = batch_update_findings
    SecurityHubResponse.get_findings = _get_with_id_filter(SecurityHubResponse.get_findings)
