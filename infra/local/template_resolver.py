"""template.yaml's EventBridge rules as CloudFormation would create them for a given stack: intrinsics (!Ref, !Sub,
!GetAtt, !If, !FindInMap, AWS::NoValue) resolved from the names given, so a stand-in can install the very rules the
template deploys. A name that is not given is an error: nothing is guessed.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

NO_VALUE = object()


class Intrinsic:
    def __init__(self, tag: str, value):
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


def _construct(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return Intrinsic(suffix, value)


_Loader.add_multi_constructor("!", _construct)


class Template:
    def __init__(self, path: Path):
        self._document = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)

    def tripwires(self, names: dict[str, str], conditions: dict[str, bool]) -> list[dict]:
        """The rules whose first target is the alert topic: Name, EventPattern and Targets, resolved."""
        resolver = self._resolver(names, conditions)
        return [
            resolver.resolve(resource["Properties"])
            for resource in self._document["Resources"].values()
            if resource["Type"] == "AWS::Events::Rule" and _refers(resource["Properties"]["Targets"][0]["Arn"], "AlertTopic")
        ]

    def properties(self, logical_id: str, names: dict[str, str], conditions: dict[str, bool]) -> dict:
        """One resource's Properties, resolved."""
        return self._resolver(names, conditions).resolve(self._document["Resources"][logical_id]["Properties"])

    def event_rules(self, names: dict[str, str], conditions: dict[str, bool]) -> list[dict]:
        """Name and EventPattern of every rule the stack creates: its AWS::Events::Rule resources and its SAM functions'
        EventBridgeRule and Schedule events."""
        resolver = self._resolver(names, conditions)
        rules = []
        for resource in self._document["Resources"].values():
            properties = resource.get("Properties", {})
            if resource["Type"] == "AWS::Events::Rule":
                rules.append({key: resolver.resolve(properties[key]) for key in ("Name", "EventPattern") if key in properties})
            elif resource["Type"] == "AWS::Serverless::Function":
                for event in properties.get("Events", {}).values():
                    event_properties = event.get("Properties", {})
                    if event["Type"] == "EventBridgeRule":
                        rules.append({"Name": resolver.resolve(event_properties.get("RuleName")), "EventPattern": resolver.resolve(event_properties["Pattern"])})
                    elif event["Type"] == "Schedule":
                        rules.append({"Name": resolver.resolve(event_properties.get("Name"))})
        return rules

    def _resolver(self, names: dict[str, str], conditions: dict[str, bool]) -> "_Resolver":
        return _Resolver(names, conditions, self._document.get("Mappings", {}))


def _refers(node, logical_id: str) -> bool:
    return isinstance(node, Intrinsic) and node.tag in ("Ref", "GetAtt") and str(node.value).split(".")[0] == logical_id


class _Resolver:
    def __init__(self, names: dict[str, str], conditions: dict[str, bool], mappings: dict):
        self._names, self._conditions, self._mappings = names, conditions, mappings

    def resolve(self, node):
        if isinstance(node, Intrinsic):
            return self._intrinsic(node)
        if isinstance(node, dict):
            resolved = {key: self.resolve(value) for key, value in node.items()}
            return {key: value for key, value in resolved.items() if value is not NO_VALUE}
        if isinstance(node, list):
            return [item for item in (self.resolve(value) for value in node) if item is not NO_VALUE]
        return node

    def _intrinsic(self, node: Intrinsic):
        if node.tag == "Ref":
            return NO_VALUE if node.value == "AWS::NoValue" else self._name(node.value)
        if node.tag == "GetAtt":
            return self._name(node.value)
        if node.tag == "Sub" and isinstance(node.value, str):
            return re.sub(r"\$\{([A-Za-z0-9:.]+)\}", lambda match: self._name(match.group(1)), node.value)
        if node.tag == "If":
            condition, when_true, when_false = node.value
            if condition not in self._conditions:
                raise KeyError(f"no value given for condition {condition}")
            return self.resolve(when_true if self._conditions[condition] else when_false)
        if node.tag == "FindInMap":
            mapping, first, second = (self.resolve(part) for part in node.value)
            return self._mappings[mapping][first][second]
        raise ValueError(f"!{node.tag} is not resolved here")

    def _name(self, name: str) -> str:
        if name not in self._names:
            raise KeyError(f"no value given for {name}")
        return self._names[name]
