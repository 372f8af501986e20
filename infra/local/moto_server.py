"""Local AWS stand-in for IdcKmsGuard: moto's server plus what the guard needs from AWS and moto lacks.

Run it:

    python3 infra/local/moto_server.py --port 5000 [--host 127.0.0.1]

It prints `moto listening on http://HOST:PORT` once it accepts requests and runs until SIGTERM or SIGINT.
Other Python scripts can import it and call `start(host, port)` (which applies the extensions) or
`apply_extensions()` alone before using moto in-process.

The extensions are monkeypatches applied in this process only (moto's installed files stay untouched):

* Account isolation: a request signed with an access key id of exactly 12 digits acts in that account, so
  tests can use one account each. Other keys keep moto's mapping (default 123456789012); MOTO_ACCOUNT_ID and the
  x-moto-account-id header still take precedence, as in moto.
* KMS multi-Region key ids take the real form `mrk-` + 32 hex digits (moto writes `mrk-` + a dashed UUID, which
  the key ARN pattern of Identity Center and of the guard rejects, and which moto's own Decrypt cannot read back
  from its 36-byte ciphertext header); KMS accepts such ids as KeyId.
* KMS CreateKey without KeyUsage gives ENCRYPT_DECRYPT, as AWS does (moto leaves KeyUsage null).
* KMS DisableKey, EnableKey, ScheduleKeyDeletion, CancelKeyDeletion and ReplicateKey accept a key ARN, as AWS
  does (moto answers 500 Internal Server Error).
* KMS replicas get a MultiRegionConfiguration of their own (moto shares the primary's, so that describing a
  replica turns the primary into a REPLICA too); the list of replicas stays shared.
* KMS DeleteImportedKeyMaterial (moto answers 500): a key with origin EXTERNAL goes to PendingImport, as in AWS;
  any other key answers UnsupportedOperationException. (moto creates EXTERNAL keys Enabled, as if imported.)
* EventBridge events delivered to a target carry `account`, as AWS does (moto's default template leaves it out).
* DynamoDB item writes and reads are serialised, as DynamoDB serialises writes to one item: moto checks a
  condition expression and writes without a lock, so two concurrent conditional writes could both succeed.
* SSO Admin (IAM Identity Center): DescribeInstance with EncryptionConfigurationDetails, UpdateInstance with
  EncryptionConfiguration (validated like the service, the key checked against moto's KMS), ListRegions,
  DescribeRegion, AddRegion, RemoveRegion; ListInstances also returns PrimaryRegion and Regions.
  The key switch is decided when UpdateInstance is called. DescribeInstance then reports UPDATING, showing the
  requested configuration, for the next IDCKMSGUARD_MOTO_UPDATING_READS calls (read at UpdateInstance time,
  default 0), then the outcome: the new key and ENABLED, or the previous key and UPDATE_FAILED with an
  EncryptionStatusReason such as "KMS_DisabledException: ...".
  One account's number of UPDATING reads can be set over HTTP, so tests sharing a server do not interfere:
  POST /_idckmsguard/sso/updating-reads with {"account": "<12 digits>", "reads": N} (null removes the override).
* KMS refuses what AWS refuses: CancelKeyDeletion on a key that is not pending deletion, and EnableKey or
  DisableKey on a key pending deletion, answer KMSInvalidStateException (moto changes the state anyway).
* Speed: moto finds each request's service by listing its package directory and trying every service's URL
  patterns, and lists the response class's methods, on every request; both answers are kept per host and per class
  (a DynamoDB GetItem goes from about 2.5 to 1.5 ms, a KMS DescribeKey from 3.4 to 1.4 ms). Nothing it answers changes.
* CloudWatch DisableAlarmActions and EnableAlarmActions (moto raises NotImplementedError) switch an alarm's actions.
* SNS GetTopicAttributes counts the topic's subscriptions in SubscriptionsConfirmed and SubscriptionsPending (moto
  always answers 0): the guard's sweep reads whether anyone receives its alerts. moto confirms every subscription
  when it is made (e-mail included), so only an unsubscribe lowers the count.
* CloudTrail (cloudtrail_standin.py): for an account that asks for it (POST /_idckmsguard/cloudtrail), every
  management write answered 2xx becomes an "AWS API Call via CloudTrail" event on its default bus; and EventBridge
  rules may target SNS topics (the rule's input transformer makes the message), and a pattern matches the fields of
  an array of objects as EventBridge does (requestParameters.tags.tagKey).
* Security Hub (securityhub_standin.py): BatchImportFindings needs the hub enabled and keeps the customer's workflow on
  updates, BatchUpdateFindings sets it, GetFindings filters by Id, as the service does.
* Faults on demand and a call log per account (fault_injection.py): POST /_idckmsguard/faults makes chosen calls fail
  (throttling, 5xx, reset, hang, access denied, or applied with the answer lost); GET /_idckmsguard/calls lists
  every call with its status, the fault injected and, for calls that change a key or an instance, the state
  before and after.
"""

import argparse
import functools
import json
import os
import re
import signal
import sys
import threading
from dataclasses import dataclass, field

MOTO_MISSING = 'moto is not installed; install it with: pip install "moto[server]"'

try:
    import moto.kms.models as moto_kms_models
    import moto.core.responses as moto_responses
    from moto.core.exceptions import JsonRESTError
    from moto.core.responses import BaseResponse
    from moto.core.utils import unix_time
    from moto.cloudwatch.responses import CloudWatchResponse
    from moto.dynamodb.models import DynamoDBBackend
    from moto.events.models import EventPattern, Rule, events_backends
    from moto.events.utils import EventTemplateParser
    from moto.kms.exceptions import NotFoundException as KmsNotFoundException
    from moto.kms.models import Key, KmsBackend, kms_backends
    from moto.kms.responses import KmsResponse
    from moto.moto_api._internal import mock_random
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from moto.sns.responses import SNSResponse
    from moto.ssoadmin.models import Instance, SSOAdminBackend
    from moto.ssoadmin.responses import SSOAdminResponse
    from werkzeug.serving import make_server
except ImportError:
    if __name__ == "__main__":
        print(f"error: {MOTO_MISSING}", file=sys.stderr)
        sys.exit(2)
    raise ImportError(MOTO_MISSING) from None

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cloudformation_standin  # noqa: E402
import securityhub_standin  # noqa: E402
import cloudtrail_standin as cloudtrail  # noqa: E402
import fault_injection as faults  # noqa: E402

UPDATING_READS_ENV = "IDCKMSGUARD_MOTO_UPDATING_READS"
AWS_OWNED = "AWS_OWNED_KMS_KEY"
CUSTOMER_MANAGED = "CUSTOMER_MANAGED_KEY"
ACCOUNT_ID_CREDENTIAL = re.compile(r"Credential=(\d{12})/")
MULTI_REGION_KEY_ID = re.compile(r"^mrk-[0-9a-f]{32}$")
KMS_KEY_ARN = re.compile(
    r"^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/"
    r"(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$"
)
REGION_NAME = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d$")
KMS_METHODS_MISSING_ARN_SUPPORT = (
    "disable_key",
    "enable_key",
    "schedule_key_deletion",
    "cancel_key_deletion",
    "replicate_key",
)

EVENT_ENVELOPE_TEMPLATE = (
    '{"version": "0", "id": "<id>", "detail-type": "<detail-type>", "source": "<source>", "account": "<account>", '
    '"time": <time>, "region": "<region>", "resources": <resources>, "detail": <detail>}'
)

_applied = False


# ---------------------------------------------------------------------------------------------------------------
# Errors in the SSO Admin shape: JSON with __type and Message (moto's own errors write "message").


class SsoAdminError(JsonRESTError):
    code = 400

    def __init__(self, error_type: str, message: str):
        super().__init__(error_type, message)
        self.description = json.dumps({"__type": error_type, "Message": message})


def validation_error(message: str) -> SsoAdminError:
    return SsoAdminError("ValidationException", message)


def not_found(message: str) -> SsoAdminError:
    return SsoAdminError("ResourceNotFoundException", message)


def conflict(message: str) -> SsoAdminError:
    return SsoAdminError("ConflictException", message)


# ---------------------------------------------------------------------------------------------------------------
# Account isolation and KMS key ids


def _extend_get_current_account(original):
    # moto only maps access keys of 20 characters to accounts, so a 12-digit key is read from the signature.
    def get_current_account(self: BaseResponse) -> str:
        if "MOTO_ACCOUNT_ID" in os.environ or "x-moto-account-id" in self.headers:
            return original(self)
        match = ACCOUNT_ID_CREDENTIAL.search(self.headers.get("Authorization", ""))
        return match.group(1) if match else original(self)

    return get_current_account


def _real_format_key_id(original):
    def generate_key_id(multi_region: bool = False) -> str:
        if multi_region:
            return "mrk-" + mock_random.uuid4().hex
        return original(multi_region)

    return generate_key_id


def _default_key_usage(original):
    def __init__(self: Key, policy: str | None, key_usage: str | None, *args, **kwargs) -> None:
        original(self, policy, key_usage or "ENCRYPT_DECRYPT", *args, **kwargs)

    return __init__


def _accept_key_arn(original):
    def method(self: KmsBackend, key_id: str, *args, **kwargs):
        return original(self, self.get_key_id(key_id), *args, **kwargs)

    return method


def _separate_replica_configuration(original):
    def replicate_key(self: KmsBackend, key_id: str, replica_region: str) -> Key:
        replica = original(self, key_id, replica_region)
        replica.multi_region_configuration = {**replica.multi_region_configuration, "MultiRegionKeyType": "REPLICA"}
        return replica

    return replicate_key


def _accept_real_multi_region_key_id(original):
    def _validate_cmk_id(self: KmsResponse, key_id: str) -> None:
        if not MULTI_REGION_KEY_ID.match(key_id):
            return original(self, key_id)
        if key_id not in self.kms_backend.keys:
            raise KmsNotFoundException(f"Key '{self._display_arn(key_id)}' does not exist")

    return _validate_cmk_id


# ---------------------------------------------------------------------------------------------------------------
# Identity Center instance state that moto does not keep


@dataclass(frozen=True)
class EncryptionConfig:
    key_type: str = AWS_OWNED
    kms_key_arn: str | None = None

    def to_json(self) -> dict:
        details = {"KeyType": self.key_type}
        if self.kms_key_arn:
            details["KmsKeyArn"] = self.kms_key_arn
        return details


@dataclass
class RegionEntry:
    name: str
    is_primary: bool
    added_date: float = field(default_factory=unix_time)
    status: str = "ACTIVE"

    def to_json(self) -> dict:
        return {
            "RegionName": self.name,
            "Status": self.status,
            "IsPrimaryRegion": self.is_primary,
            "AddedDate": self.added_date,
        }


@dataclass
class EncryptionState:
    in_use: EncryptionConfig = field(default_factory=EncryptionConfig)
    requested: EncryptionConfig = field(default_factory=EncryptionConfig)
    status: str = "ENABLED"
    status_reason: str | None = None
    updating_reads_left: int = 0

    def read_details(self) -> dict:
        """What one DescribeInstance call sees; each call during the UPDATING phase uses one read up."""
        if self.updating_reads_left > 0:
            self.updating_reads_left -= 1
            return {**self.requested.to_json(), "EncryptionStatus": "UPDATING"}
        details = {**self.in_use.to_json(), "EncryptionStatus": self.status}
        if self.status_reason:
            details["EncryptionStatusReason"] = self.status_reason
        return details


def _extend_instance_init(original):
    def __init__(self, account_id: str, region: str) -> None:
        original(self, account_id, region)
        self.primary_region = region
        self.regions = [RegionEntry(region, is_primary=True, added_date=self.created_date)]
        self.encryption = EncryptionState()

    return __init__


def _extend_instance_to_json(original):
    def to_json(self) -> dict:
        return {
            **original(self),
            "PrimaryRegion": self.primary_region,
            "Regions": [r.to_json() for r in self.regions],
        }

    return to_json


# ---------------------------------------------------------------------------------------------------------------
# The key check Identity Center makes when it switches keys


def _state_in_words(key_state: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", key_state).lower()


def _find_key(account_id: str, key_arn: str) -> Key | None:
    _, _, _, region, key_account, resource = key_arn.split(":", 5)
    if key_account != account_id:
        return None
    try:
        return kms_backends[account_id][region].keys.get(resource.split("/", 1)[1])
    except KeyError:  # a Region moto does not know
        return None


def kms_refusal(account_id: str, key_arn: str) -> str | None:
    """The EncryptionStatusReason Identity Center would give for this key, or None if it can use the key."""
    key = _find_key(account_id, key_arn)
    if key is None:
        return f"KMS_NotFoundException: Key '{key_arn}' does not exist"
    if key.key_state == "Disabled":
        return f"KMS_DisabledException: {key_arn} is disabled."
    if key.key_state != "Enabled":
        return f"KMS_InvalidStateException: {key_arn} is {_state_in_words(key.key_state)}."
    if key.key_spec != "SYMMETRIC_DEFAULT" or key.key_usage != "ENCRYPT_DECRYPT":
        return (
            f"KMS_InvalidKeyUsageException: {key_arn} has KeySpec {key.key_spec} and KeyUsage {key.key_usage}; "
            "IAM Identity Center needs a SYMMETRIC_DEFAULT key for ENCRYPT_DECRYPT."
        )
    return None


def delete_imported_key_material_response(self: KmsResponse) -> str:
    key_id = self._get_param("KeyId")
    self._validate_cmk_id(key_id)
    key = self.kms_backend.describe_key(key_id)
    if key.origin != "EXTERNAL":
        raise KmsUnsupportedOperation(
            f"{key.arn} origin is {key.origin} which is not valid for this operation."
        )
    key.key_state = "PendingImport"
    return "{}"


class KmsUnsupportedOperation(JsonRESTError):
    code = 400

    def __init__(self, message: str):
        super().__init__("UnsupportedOperationException", message)


class KmsInvalidState(JsonRESTError):
    code = 400

    def __init__(self, message: str):
        super().__init__("KMSInvalidStateException", message)


PENDING_DELETION = ("PendingDeletion", "PendingReplicaDeletion")


def _refuse_in_state(original, refused: tuple[str, ...] | None = None, required: tuple[str, ...] | None = None,
                     phrase: str = ""):
    # Runs after _accept_key_arn has turned an ARN into the key id.
    def method(self: KmsBackend, key_id: str, *args, **kwargs):
        key = self.keys.get(key_id)
        if key is not None and ((refused and key.key_state in refused) or (required and key.key_state not in required)):
            raise KmsInvalidState(f"{key.arn} is {_state_in_words(key.key_state)}{phrase}.")
        return original(self, key_id, *args, **kwargs)

    return method


def validate_encryption_configuration(config: dict) -> EncryptionConfig:
    key_type = config.get("KeyType")
    key_arn = config.get("KmsKeyArn")
    if key_type not in (AWS_OWNED, CUSTOMER_MANAGED):
        raise validation_error(
            f"1 validation error detected: Value '{key_type}' at 'encryptionConfiguration.keyType' failed to "
            f"satisfy constraint: Member must satisfy enum value set: [{AWS_OWNED}, {CUSTOMER_MANAGED}]"
        )
    if key_type == AWS_OWNED:
        if key_arn is not None:
            raise validation_error(f"KmsKeyArn must not be specified when KeyType is {AWS_OWNED}.")
        return EncryptionConfig()
    if not key_arn:
        raise validation_error(f"KmsKeyArn is required when KeyType is {CUSTOMER_MANAGED}.")
    if not KMS_KEY_ARN.match(key_arn):
        raise validation_error(
            f"1 validation error detected: Value '{key_arn}' at 'encryptionConfiguration.kmsKeyArn' failed to "
            f"satisfy constraint: Member must satisfy regular expression pattern: {KMS_KEY_ARN.pattern}"
        )
    return EncryptionConfig(CUSTOMER_MANAGED, key_arn)


_updating_reads_by_account: dict[str, int] = {}
UPDATING_READS_PATH = "/_idckmsguard/sso/updating-reads"


def _updating_reads(account_id: str) -> int:
    if account_id in _updating_reads_by_account:
        return _updating_reads_by_account[account_id]
    return max(0, int(os.environ.get(UPDATING_READS_ENV, "0") or "0"))


def set_updating_reads(body: bytes) -> dict:
    """The control route's work: validate {"account", "reads"} and set (or, with null, remove) the override."""
    try:
        request = json.loads(body or b"{}")
    except ValueError as error:
        raise ValueError(f"the body is not JSON: {error}") from None
    account, reads = (request.get("account"), request.get("reads")) if isinstance(request, dict) else (None, None)
    if not (isinstance(account, str) and len(account) == 12 and account.isdigit()):
        raise ValueError('"account" must be a 12-digit account id')
    if reads is None:
        _updating_reads_by_account.pop(account, None)
    elif isinstance(reads, int) and not isinstance(reads, bool) and 0 <= reads <= 1000:
        _updating_reads_by_account[account] = reads
    else:
        raise ValueError('"reads" must be an integer from 0 to 1000, or null')
    return {"account": account, "reads": reads}


# ---------------------------------------------------------------------------------------------------------------
# SSO Admin backend operations


def find_instance(self: SSOAdminBackend, instance_arn: str) -> Instance:
    for instance in self.instances:
        if instance.instance_arn == instance_arn:
            return instance
    raise not_found(f"Instance {instance_arn} does not exist.")


def describe_instance(self: SSOAdminBackend, instance_arn: str) -> dict:
    instance = self.find_instance(instance_arn)
    description = {key: value for key, value in instance.to_json().items() if value is not None}
    description["EncryptionConfigurationDetails"] = instance.encryption.read_details()
    return description


def update_instance_encryption(self: SSOAdminBackend, instance_arn: str, config: dict) -> None:
    requested = validate_encryption_configuration(config)
    instance = self.find_instance(instance_arn)
    state = instance.encryption
    if state.updating_reads_left > 0:
        raise conflict("An encryption configuration update is already in progress for this instance.")
    refusal = kms_refusal(self.account_id, requested.kms_key_arn) if requested.kms_key_arn else None
    state.requested = requested
    state.updating_reads_left = _updating_reads(self.account_id)
    state.status_reason = refusal
    if refusal:
        state.status = "UPDATE_FAILED"
    else:
        state.in_use = requested
        state.status = "ENABLED"


def find_region(self: SSOAdminBackend, instance_arn: str, region_name: str) -> RegionEntry:
    for region in self.find_instance(instance_arn).regions:
        if region.name == region_name:
            return region
    raise not_found(f"Region {region_name} is not enabled for instance {instance_arn}.")


def add_region(self: SSOAdminBackend, instance_arn: str, region_name: str) -> RegionEntry:
    instance = self.find_instance(instance_arn)
    if not REGION_NAME.match(region_name or ""):
        raise validation_error(f"Invalid RegionName: {region_name}")
    if any(region.name == region_name for region in instance.regions):
        raise conflict(f"Region {region_name} is already enabled for instance {instance_arn}.")
    region = RegionEntry(region_name, is_primary=False)
    instance.regions.append(region)
    return region


def remove_region(self: SSOAdminBackend, instance_arn: str, region_name: str) -> None:
    region = self.find_region(instance_arn, region_name)
    if region.is_primary:
        raise validation_error("The primary Region cannot be removed.")
    self.find_instance(instance_arn).regions.remove(region)


# ---------------------------------------------------------------------------------------------------------------
# SSO Admin responses (methods named after the operation in snake case, as moto dispatches them)


def describe_instance_response(self: SSOAdminResponse) -> str:
    return json.dumps(self.ssoadmin_backend.describe_instance(self._get_param("InstanceArn")))


def _extend_update_instance_response(original):
    def update_instance(self: SSOAdminResponse) -> str:
        config = self._get_param("EncryptionConfiguration")
        if config is not None:
            self.ssoadmin_backend.update_instance_encryption(self._get_param("InstanceArn"), config)
        # moto's own UpdateInstance sets Name, clearing it when the request has none; the service keeps it.
        if self._get_param("Name") is not None or config is None:
            return original(self)
        return "{}"

    return update_instance


def list_regions_response(self: SSOAdminResponse) -> str:
    instance = self.ssoadmin_backend.find_instance(self._get_param("InstanceArn"))
    return json.dumps({"Regions": [region.to_json() for region in instance.regions]})


def describe_region_response(self: SSOAdminResponse) -> str:
    region = self.ssoadmin_backend.find_region(self._get_param("InstanceArn"), self._get_param("RegionName"))
    return json.dumps(region.to_json())


def add_region_response(self: SSOAdminResponse) -> str:
    region = self.ssoadmin_backend.add_region(self._get_param("InstanceArn"), self._get_param("RegionName"))
    return json.dumps({"Status": region.status})


def remove_region_response(self: SSOAdminResponse) -> str:
    self.ssoadmin_backend.remove_region(self._get_param("InstanceArn"), self._get_param("RegionName"))
    return json.dumps({"Status": "REMOVING"})


# ---------------------------------------------------------------------------------------------------------------
# Wiring


_dynamodb_lock = threading.RLock()


def _serialised(original):
    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        with _dynamodb_lock:
            return original(*args, **kwargs)

    return wrapper


DYNAMODB_ITEM_METHODS = ("put_item", "update_item", "delete_item", "transact_write_items", "get_item")


def _remember_backend_for_host(original):
    """moto finds a request's service by listing its own package directory (about 170 stat calls) and then trying
    every service's URL patterns, on every request: about 1 ms of a 2.5 ms GetItem. The answer depends only on the
    host, and neither the directory nor the patterns change while the server runs. (moto calls it under its
    dispatcher's lock.)"""
    return functools.lru_cache(maxsize=None)(original)


def _count_subscriptions(original):
    """moto never counts a topic's subscriptions; count them from its subscription list at each read."""
    @functools.wraps(original)
    def get_topic_attributes(self):
        topic = self.backend.get_topic(self._get_param("TopicArn"))
        mine = [s for s in self.backend.subscriptions.values() if s.topic_arn == topic.arn]
        pending = [s for s in mine if str(s.attributes.get("PendingConfirmation", False)).lower() == "true"]
        topic.subscriptions_confimed = len(mine) - len(pending)
        topic.subscriptions_pending = len(pending)
        return original(self)

    return get_topic_attributes


def _remember_method_names(original):
    """moto lists a response class's methods with inspect.getmembers on every request (0.5 ms). Classes are patched
    only in apply_extensions, before the first request, so the list is stable afterwards."""
    return functools.lru_cache(maxsize=None)(original)


def apply_extensions() -> None:
    """Patch moto in this process. Call before the first request; calling it again does nothing."""
    global _applied
    if _applied:
        return
    BaseResponse.get_current_account = _extend_get_current_account(BaseResponse.get_current_account)
    moto_kms_models.generate_key_id = _real_format_key_id(moto_kms_models.generate_key_id)
    KmsResponse._validate_cmk_id = _accept_real_multi_region_key_id(KmsResponse._validate_cmk_id)
    Key.__init__ = _default_key_usage(Key.__init__)
    KmsBackend.replicate_key = _separate_replica_configuration(KmsBackend.replicate_key)
    KmsResponse.delete_imported_key_material = delete_imported_key_material_response
    KmsBackend.cancel_key_deletion = _refuse_in_state(
        KmsBackend.cancel_key_deletion, required=PENDING_DELETION, phrase=" and not pending deletion")
    KmsBackend.enable_key = _refuse_in_state(KmsBackend.enable_key, refused=PENDING_DELETION)
    KmsBackend.disable_key = _refuse_in_state(KmsBackend.disable_key, refused=PENDING_DELETION)
    for name in KMS_METHODS_MISSING_ARN_SUPPORT:
        setattr(KmsBackend, name, _accept_key_arn(getattr(KmsBackend, name)))
    EventTemplateParser.DEFAULT_EVENT_INPUT_TEMPLATE = EVENT_ENVELOPE_TEMPLATE
    Rule.send_to_targets = cloudtrail.with_sns_targets(Rule.send_to_targets, _publish_to_topic)
    EventPattern._flatten_dict = staticmethod(cloudtrail.flatten_like_eventbridge)
    CloudWatchResponse.disable_alarm_actions = _set_alarm_actions(False)
    CloudWatchResponse.enable_alarm_actions = _set_alarm_actions(True)
    SNSResponse.get_topic_attributes = _count_subscriptions(SNSResponse.get_topic_attributes)
    for name in DYNAMODB_ITEM_METHODS:
        setattr(DynamoDBBackend, name, _serialised(getattr(DynamoDBBackend, name)))
    DomainDispatcherApplication.get_backend_for_host = _remember_backend_for_host(
        DomainDispatcherApplication.get_backend_for_host)
    moto_responses.method_names_from_class = _remember_method_names(moto_responses.method_names_from_class)

    cloudformation_standin.apply()
    securityhub_standin.apply()

    Instance.__init__ = _extend_instance_init(Instance.__init__)
    Instance.to_json = _extend_instance_to_json(Instance.to_json)

    SSOAdminBackend.find_instance = find_instance
    SSOAdminBackend.describe_instance = describe_instance
    SSOAdminBackend.update_instance_encryption = update_instance_encryption
    SSOAdminBackend.find_region = find_region
    SSOAdminBackend.add_region = add_region
    SSOAdminBackend.remove_region = remove_region

    SSOAdminResponse.describe_instance = describe_instance_response
    SSOAdminResponse.update_instance = _extend_update_instance_response(SSOAdminResponse.update_instance)
    SSOAdminResponse.list_regions = list_regions_response
    SSOAdminResponse.describe_region = describe_region_response
    SSOAdminResponse.add_region = add_region_response
    SSOAdminResponse.remove_region = remove_region_response
    _applied = True


class ControlRoutes:
    """WSGI middleware: the stand-in's own control routes, everything else to moto."""

    def __init__(self, app):
        self._app = app

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != UPDATING_READS_PATH:
            return self._app(environ, start_response)
        if environ.get("REQUEST_METHOD") != "POST":
            start_response("405 Method Not Allowed", [("Content-Type", "application/json"), ("Allow", "POST")])
            return [b'{"message": "POST only"}']
        length = int(environ.get("CONTENT_LENGTH") or 0)
        try:
            answer, status = set_updating_reads(environ["wsgi.input"].read(length)), "200 OK"
        except ValueError as error:
            answer, status = {"message": str(error)}, "400 Bad Request"
        start_response(status, [("Content-Type", "application/json")])
        return [json.dumps(answer).encode()]


def _kms_key_state(account: str, region: str, key_reference: str) -> dict | None:
    backend = kms_backends[account][region]
    key = backend.keys.get(backend.any_id_to_key_id(key_reference))
    if key is None:
        return None
    return {"keyState": key.key_state, "policy": faults.policy_digest(key.policy), "rotation": key.key_rotation_status}


def _sso_instance_state(account: str, region: str, instance_arn: str) -> dict | None:
    from moto.ssoadmin.models import ssoadmin_backends

    for instance in ssoadmin_backends[account][region].instances:
        if instance.instance_arn == instance_arn:
            state = instance.encryption
            return {"keyArn": state.in_use.kms_key_arn, "status": state.status, "requested": state.requested.kms_key_arn}
    return None


# CloudWatch DisableAlarmActions / EnableAlarmActions (moto raises NotImplementedError): the alarms stay, their actions
# stop or start, as in AWS.
def _set_alarm_actions(enabled: bool):
    def method(self):
        from moto.core.responses import EmptyResult

        for name in self._get_param("AlarmNames", []):
            if name in self.cloudwatch_backend.alarms:
                self.cloudwatch_backend.alarms[name].actions_enabled = enabled
        return EmptyResult()

    return method


def _publish_to_topic(topic_arn: str, message: str) -> None:
    from moto.sns.models import sns_backends

    _, _, _, region, account, _ = topic_arn.split(":", 5)
    sns_backends[account][region].publish(message=message, arn=topic_arn)


def _put_cloudtrail_event(account: str, region: str, source: str, record: dict) -> None:
    events_backends[account][region].put_events(
        [{"Source": source, "DetailType": "AWS API Call via CloudTrail", "Detail": json.dumps(record)}])


# CloudTrail names a KMS key by its ARN in resources, whatever form of its id the call used.
def _cloudtrail_resources(account: str, region: str, service: str, parameters: dict) -> list[dict] | None:
    if service != "kms" or not isinstance(parameters.get("keyId"), str):
        return None
    backend = kms_backends[account][region]
    try:
        key = backend.keys.get(backend.any_id_to_key_id(parameters["keyId"]))
    except Exception:  # an id that names no key: the call itself failed, or the record names nothing
        return None
    return None if key is None else [{"accountId": account, "type": "AWS::KMS::Key", "ARN": key.arn}]


def wsgi_app(log_requests=None):
    """moto with the control routes, CloudTrail's records and the fault injector in front: what the server serves."""
    app = DomainDispatcherApplication(create_backend_app)
    if log_requests is not None:
        app = log_requests(app)
    injector = faults.FaultInjector(app, faults.StateProbe(_kms_key_state, _sso_instance_state))
    recorder = cloudtrail.CloudTrailRecorder(injector, _put_cloudtrail_event, _cloudtrail_resources)
    return ControlRoutes(recorder), injector


class LocalMotoServer:
    """moto's werkzeug application served from a background thread."""

    def __init__(self, host: str, port: int):
        # Binding here, not in the thread, so that a busy port fails the caller instead of hanging it.
        app, self.faults = wsgi_app()
        self._server = make_server(host, port, app, threaded=True)
        self.host, self.port = self._server.server_address[:2]
        self.url = f"http://{self.host}:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> "LocalMotoServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join()
        self._server.server_close()


def start(host: str = "127.0.0.1", port: int = 0) -> LocalMotoServer:
    """Apply the extensions and serve moto on host:port (0 = a free port); read the address from `.url`."""
    apply_extensions()
    return LocalMotoServer(host, port).start()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="moto server with IdcKmsGuard's extensions")
    parser.add_argument("--host", "-H", default="127.0.0.1")
    parser.add_argument("--port", "-p", type=int, default=int(os.environ.get("MOTO_PORT", "5000")))
    args = parser.parse_args(argv)

    try:
        server = start(args.host, args.port)
    except OSError as error:
        print(f"error: cannot listen on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 1
    # moto's own launcher exports the port; some moto services build callback URLs from it.
    os.environ.setdefault("MOTO_PORT", str(server.port))

    stopping = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.set())
    print(f"moto listening on {server.url}", flush=True)
    stopping.wait()
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
