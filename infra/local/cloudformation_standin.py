"""What moto's CloudFormation lacks to create the guard's stack: applied in the stand-in's process by moto_server.py.

moto 5.2.1 silently skips resource types it has no model for, and a few of its models store a property in a shape
the service's API then cannot answer with. Each gap the guard's template meets is closed here with a small model that
calls the backend the service's own API calls, so the stack's resources behave as if made by hand:

- AWS::CloudWatch::Alarm, AWS::SNS::TopicPolicy, AWS::SNS::Subscription, AWS::SQS::QueuePolicy, AWS::IAM::RolePolicy
  and AWS::Lambda::EventInvokeConfig are created and deleted through their backends;
- a resource type with no model at all fails the stack, naming the type (moto skips it with a warning);
- `!If [condition, value, !Ref AWS::NoValue]` inside a list leaves no entry (moto leaves None, and then fails);
- an AWS::KMS::Key's KeyPolicy is kept as the JSON text GetKeyPolicy returns (moto keeps the object) and its Tags
  reach the key; a function's environment variables are text, as Lambda keeps them;
- an event source mapping is recorded but moto's own poller is not attached to the queue: that poller runs the
  function in Docker, and the stand-in's Lambda service is the harness that polls the queues itself.

What the stand-in does not model (accepted, then ignored by moto): Lambda Architectures, DeadLetterConfig and
LoggingConfig, DynamoDB TimeToLive, point-in-time recovery and ResourcePolicy, the template's Rules section and
parameter constraints (cfn-lint checks those), and resource policies are stored but never enforced.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from moto.awslambda.models import LambdaBackend, LambdaFunction, lambda_backends
from moto.cloudformation import parsing
from moto.cloudformation.exceptions import ValidationError
from moto.cloudwatch.models import Dimension, Metric, MetricDataQuery, MetricStat, cloudwatch_backends
from moto.core.common_models import CloudFormationModel
from moto.iam.models import iam_backends
from moto.kms.models import Key
from moto.logs.models import logs_backends
from moto.sns.models import sns_backends
from moto.sqs.models import sqs_backends


# moto's models register under the service their module names ("moto.<service>...").
MOTO_MODULE = "moto.cloudformation.standin"


class _Created(CloudFormationModel):
    """A resource moto has no model for: created through its service's backend, deleted the same way."""
    __module__ = MOTO_MODULE

    TYPE = ""

    def __init__(self, physical_resource_id: str, undo):
        self.physical_resource_id = physical_resource_id
        self._undo = undo

    @classmethod
    def cloudformation_type(cls) -> str:
        return cls.TYPE

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name) -> None:
        pass  # delete() on the instance does the work; CloudFormation calls that first

    def delete(self, account_id: str, region_name: str) -> None:
        self._undo()


def _text(document: Any) -> str:
    return document if isinstance(document, str) else json.dumps(document)


class _Alarm(_Created):
    __module__ = MOTO_MODULE
    TYPE = "AWS::CloudWatch::Alarm"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        backend = cloudwatch_backends[account_id][region_name]
        p = cloudformation_json["Properties"]
        name = p.get("AlarmName", resource_name)
        backend.put_metric_alarm(
            name=name, namespace=p.get("Namespace"), metric_name=p.get("MetricName"),
            metric_data_queries=[_query(query) for query in p["Metrics"]] if p.get("Metrics") else None,
            comparison_operator=p["ComparisonOperator"], evaluation_periods=int(p["EvaluationPeriods"]),
            datapoints_to_alarm=p.get("DatapointsToAlarm"), period=p.get("Period"), threshold=float(p.get("Threshold", 0)),
            statistic=p.get("Statistic"), description=p.get("AlarmDescription"), dimensions=p.get("Dimensions", []),
            alarm_actions=p.get("AlarmActions", []), ok_actions=p.get("OKActions", []),
            insufficient_data_actions=p.get("InsufficientDataActions", []), actions_enabled=p.get("ActionsEnabled", True),
            treat_missing_data=p.get("TreatMissingData"), unit=p.get("Unit"))
        return cls(name, lambda: backend.delete_alarms([name]))


def _query(query: dict) -> MetricDataQuery:
    stat = query.get("MetricStat")
    metric_stat = None
    if stat:
        metric = stat["Metric"]
        dimensions = [Dimension(name=d["Name"], value=d["Value"]) for d in metric.get("Dimensions", [])]
        metric_stat = MetricStat(metric=Metric(metric["MetricName"], metric["Namespace"], dimensions),
                                 period=stat.get("Period"), stat=stat.get("Stat"), unit=stat.get("Unit"))
    return MetricDataQuery(query_id=query["Id"], label=query.get("Label"), period=query.get("Period"),
                           return_data=query.get("ReturnData"), expression=query.get("Expression"), metric_stat=metric_stat)


class _MetricFilter(_Created):
    __module__ = MOTO_MODULE
    TYPE = "AWS::Logs::MetricFilter"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        backend = logs_backends[account_id][region_name]
        p = cloudformation_json["Properties"]
        name = p.get("FilterName", resource_name)
        transformations = [{"metricName": t["MetricName"], "metricNamespace": t["MetricNamespace"], "metricValue": t["MetricValue"]}
                           for t in p["MetricTransformations"]]
        backend.put_metric_filter(name, p["FilterPattern"], p["LogGroupName"], transformations)
        return cls(name, lambda: backend.delete_metric_filter(name, p["LogGroupName"]))


class _TopicPolicy(_Created):
    __module__ = MOTO_MODULE
    TYPE = "AWS::SNS::TopicPolicy"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        backend = sns_backends[account_id][region_name]
        p = cloudformation_json["Properties"]
        topics = list(p["Topics"])
        before = {arn: backend.get_topic(arn).policy for arn in topics}
        for arn in topics:
            backend.set_topic_attribute(arn, "policy", _text(p["PolicyDocument"]))

        def undo() -> None:
            for arn, policy in before.items():
                if arn in backend.topics:
                    backend.set_topic_attribute(arn, "policy", policy)
        return cls(resource_name, undo)


class _Subscription(_Created):
    __module__ = MOTO_MODULE
    TYPE = "AWS::SNS::Subscription"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        backend = sns_backends[account_id][region_name]
        p = cloudformation_json["Properties"]
        subscription = backend.subscribe(p["TopicArn"], p["Endpoint"], p["Protocol"])
        return cls(subscription.arn, lambda: backend.unsubscribe(subscription.arn))


class _QueuePolicy(_Created):
    __module__ = MOTO_MODULE
    TYPE = "AWS::SQS::QueuePolicy"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        backend = sqs_backends[account_id][region_name]
        p = cloudformation_json["Properties"]
        names = [url.rstrip("/").rsplit("/", 1)[-1] for url in p["Queues"]]
        for name in names:
            backend.set_queue_attributes(name, {"Policy": _text(p["PolicyDocument"])})

        def undo() -> None:
            for name in names:
                if name in backend.queues:
                    backend.set_queue_attributes(name, {"Policy": ""})
        return cls(resource_name, undo)


class _RolePolicy(_Created):
    __module__ = MOTO_MODULE
    TYPE = "AWS::IAM::RolePolicy"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        backend = iam_backends[account_id]["global"]
        p = cloudformation_json["Properties"]
        role, name = p["RoleName"], p["PolicyName"]
        backend.put_role_policy(role, name, _text(p["PolicyDocument"]))

        def undo() -> None:
            if any(existing.name == role for existing in backend.roles.values()):
                backend.delete_role_policy(role, name)  # else it went with its role
        return cls(f"{role}|{name}", undo)


class _EventInvokeConfig(_Created):
    __module__ = MOTO_MODULE
    TYPE = "AWS::Lambda::EventInvokeConfig"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        backend: LambdaBackend = lambda_backends[account_id][region_name]
        p = dict(cloudformation_json["Properties"])
        function = p.pop("FunctionName")
        p.pop("Qualifier", None)
        backend.put_function_event_invoke_config(function, p)

        def undo() -> None:
            if any(function in (f.function_name, f.function_arn) for f in backend.list_functions()):
                backend.delete_function_event_invoke_config(function)  # else it went with its function
        return cls(function, undo)


class StandInCannotCreate(ValidationError):
    pass


def _refuse_unknown_types(original):
    """A type moto has no model for fails the stack, naming it, instead of being skipped in silence."""
    def resource_class_from_type(resource_type: str):
        model = original(resource_type)
        if model is None and resource_type not in parsing.NULL_MODELS:
            raise StandInCannotCreate(message=f"the stand-in cannot create {resource_type} (add a model to {__name__}.py)")
        return model
    return resource_class_from_type


def _drop_no_value(original):
    """`!If [c, x, !Ref AWS::NoValue]` as a list entry leaves nothing in the list, as CloudFormation does."""
    def clean_json(resource_json, resources_map):
        cleaned = original(resource_json, resources_map)
        if isinstance(resource_json, list) and isinstance(cleaned, list):
            return [entry for entry in cleaned if entry is not None]
        return cleaned
    return clean_json


def _key_as_the_api_keeps_it(original):
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        properties = cloudformation_json["Properties"]
        properties["KeyPolicy"] = _text(properties["KeyPolicy"])
        tags = [{"TagKey": t["Key"], "TagValue": t["Value"]} for t in properties.pop("Tags", [])]
        key = original.__func__(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        if tags:
            from moto.kms.models import kms_backends
            kms_backends[account_id][region_name].tag_resource(key.id, tags)
        return key
    return classmethod(create_from_cloudformation_json)


def _variables_as_text(original):
    """Lambda keeps every environment variable as text; moto keeps a Number parameter's Ref as a number."""
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        variables = cloudformation_json["Properties"].get("Environment", {}).get("Variables")
        if variables:
            cloudformation_json["Properties"]["Environment"]["Variables"] = {name: str(value) for name, value in variables.items()}
        return original.__func__(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
    return classmethod(create_from_cloudformation_json)


def _without_moto_poller(original):
    def create_event_source_mapping(self: LambdaBackend, spec: dict[str, Any]):
        mapping = original(self, spec)
        source = spec.get("EventSourceArn", "")
        if source.startswith("arn:aws:sqs:"):
            queue = sqs_backends[source.split(":")[4]][source.split(":")[3]].queues.get(source.split(":")[5])
            if queue is not None:
                queue.lambda_event_source_mappings.pop(mapping.function_arn, None)
        return mapping
    return create_event_source_mapping


def apply() -> None:
    parsing.clean_json = _drop_no_value(parsing.clean_json)
    parsing.resource_class_from_type = _refuse_unknown_types(parsing.resource_class_from_type)
    Key.create_from_cloudformation_json = _key_as_the_api_keeps_it(Key.create_from_cloudformation_json)
    LambdaFunction.create_from_cloudformation_json = _variables_as_text(LambdaFunction.create_from_cloudformation_json)
    LambdaBackend.create_event_source_mapping = _without_moto_poller(LambdaBackend.create_event_source_mapping)
    models = parsing.get_model_list
    parsing.get_model_list = lru_cache(lambda: [m for m in models() if m is not _Created] + _Created.__subclasses__())
    for cache in (models, parsing.get_model_map, parsing.get_name_type_map):
        cache.cache_clear()
