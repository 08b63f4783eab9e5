"""moto's server with two fixes for valid requests it mishandles; started by scripts/moto-env.sh.

1. moto 5.2.5 gives every RDS DB instance the same DbiResourceId ("db-M5ENSHXFPU6XHZ4G4ZEI5QIO2U",
moto/rds/models.py, DBInstance.__init__). The AWS provider stores that resource ID as the
aws_db_instance's ID and reads the instance back with the `dbi-resource-id` filter, so as soon as
a region holds two instances (a primary and its read replica, or two environments) the read finds
two and the provider reports "couldn't find resource". Real RDS gives each instance its own ID
("db-" and 26 upper-case letters and digits); so does this wrapper. Everything else is moto as
released: same arguments as moto_server (e.g. -H 127.0.0.1 -p 5001).

2. PutBucketLogging checks that the target bucket's policy lets logging.s3.amazonaws.com write
(moto/s3/models.py FakeBucket._log_permissions_enabled_policy), but answers 500 when a statement's
Principal is the string "*" (valid IAM grammar; the generated access-log bucket denies non-TLS
requests to "*") and compares Resource literally, so a grant on "<bucket>/s3/*" does not cover
the prefix "s3/assets/" as it does in AWS. The wrapper evaluates the same rule with IAM's
wildcards and both Principal forms.

3. ModifyDBParameterGroup stores parameters without `Source`; RDS marks a parameter a user set
with Source "user", and the AWS provider keeps only such parameters when it reads a group back,
so every plan after the first apply wanted to add them again. The wrapper sets Source "user".

4. CreateBucket ignores the tags in its CreateBucketConfiguration (AWS accepts them since 2025,
and the AWS provider 6.x sends a new bucket's tags there), so every later plan wanted to add the
tags. The wrapper stores them as PutBucketTagging would.

5. The Resource Groups Tagging API's GetResources "supports all resource types" (AWS's API
reference, supported-services.html; only IAM users and roles are not returned), but moto lists
only some: not RDS DB parameter groups (rds:pg) and DB subnet groups (rds:subgrp), nor EC2
Elastic IPs (ec2:elastic-ip) and VPC endpoints (ec2:vpc-endpoint), so a tagged environment showed
fewer resources than Terraform made. The wrapper lists them too, with AWS's ARN forms.

6. ElastiCache cache parameter groups are not implemented in moto 5.2.5 (CreateCacheParameterGroup
answers 500 NotImplementedError), so a generated Redis component (its aws_elasticache_parameter_group
sets the eviction policy) could not be applied. The wrapper keeps them as ElastiCache does:
create, describe (groups, and the parameters a user set, Source "user"), modify, reset, delete,
tags by their ARN (arn:aws:elasticache:<region>:<account>:parametergroup:<name>).

7. CreateReplicationGroup lists member clusters (<id>-001, ...) but creates no cache clusters,
and DeleteReplicationGroup leaves the group "deleting" for ever. The AWS provider reads the
group's engine, parameter group, security groups and encryption from its first member cluster
(DescribeCacheClusters) and waits for a deleted group to be gone, so a Redis component could be
neither applied nor destroyed. The wrapper creates the member clusters as ElastiCache does (with
the group's settings) and removes the group and its clusters on delete. DeleteCacheSubnetGroup
is not implemented either (500); the wrapper deletes the group and its tags.
"""
import fnmatch
import json
import re
import secrets
import string
import sys

from moto.core.resource_tagging import TaggedResource
from moto.core.responses import ActionResult, EmptyResult
from moto.ec2 import models as ec2_models
from moto.elasticache import models as elasticache_models
from moto.elasticache import responses as elasticache_responses
from moto.elasticache.exceptions import ElastiCacheException
from moto.rds import models as rds_models
from moto.s3 import models as s3_models
from moto.s3 import responses as s3_responses
import xmltodict
from moto.server import main

_ALPHABET = string.ascii_uppercase + string.digits
_moto_init = rds_models.DBInstance.__init__


def _init_with_own_resource_id(self, *args, **kwargs):
    _moto_init(self, *args, **kwargs)
    self.dbi_resource_id = "db-" + "".join(secrets.choice(_ALPHABET) for _ in range(26))


rds_models.DBInstance.__init__ = _init_with_own_resource_id


def _as_list(value):
    return value if isinstance(value, list) else [value]


def _log_permissions_by_policy(target_bucket, target_prefix):
    """True when the target bucket's policy lets the S3 logging service put log objects under
    the prefix: an Allow statement for the service principal logging.s3.amazonaws.com whose
    actions match s3:PutObject and whose resources match a key under the prefix, with IAM's
    wildcards (* and ?) as AWS evaluates them."""
    if not target_bucket.policy:
        return False
    document = json.loads(target_bucket.policy.decode())
    key_arn = f"arn:{target_bucket.partition}:s3:::{target_bucket.name}/{target_prefix or ''}log-object"
    for statement in _as_list(document.get("Statement", [])):
        principal = statement.get("Principal")
        services = _as_list(principal.get("Service", [])) if isinstance(principal, dict) else []
        if statement.get("Effect") != "Allow" or s3_models.LOGGING_SERVICE_PRINCIPAL not in services:
            continue
        if not any(fnmatch.fnmatchcase("s3:PutObject", a) for a in _as_list(statement.get("Action", []))):
            continue
        if any(fnmatch.fnmatchcase(key_arn, r) for r in _as_list(statement.get("Resource", []))):
            return True
    return False


s3_models.FakeBucket._log_permissions_enabled_policy = staticmethod(_log_permissions_by_policy)

_moto_update_parameters = rds_models.DBParameterGroup.update_parameters


def _update_parameters_from_user(self, new_parameters):
    parameters = [dict(p) for p in new_parameters]
    for parameter in parameters:
        parameter.setdefault("Source", "user")
    return _moto_update_parameters(self, parameters)


rds_models.DBParameterGroup.update_parameters = _update_parameters_from_user

_moto_bucket_put = s3_responses.S3Response._bucket_response_put


def _bucket_put_with_create_tags(self, request, bucket_name, querystring):
    result = _moto_bucket_put(self, request, bucket_name, querystring)
    if not querystring and self.body:
        try:
            config = xmltodict.parse(self.body).get("CreateBucketConfiguration") or {}
        except Exception:  # not XML: moto already answered for it
            config = {}
        tags = (config.get("Tags") or {}).get("Tag") or []
        tags = tags if isinstance(tags, list) else [tags]
        if tags:
            self.backend.put_bucket_tagging(
                bucket_name, {t["Key"]: t.get("Value") or "" for t in tags}
            )
    return result


s3_responses.S3Response._bucket_response_put = _bucket_put_with_create_tags

_rds_tagged = rds_models.RDSBackend.iter_tagged_resources
_ec2_tagged = ec2_models.EC2Backend.iter_tagged_resources


def _rds_tagged_with_groups(self):
    yield from _rds_tagged(self)
    for resource_type, groups in (
        ("rds:pg", self.db_parameter_groups.values()),
        ("rds:subgrp", self.subnet_groups.values()),
    ):
        for group in groups:
            yield TaggedResource(
                arn=group.arn,
                tags={t["Key"]: t["Value"] for t in group.get_tags()},
                resource_type=resource_type,
            )


def _ec2_tagged_with_eips_and_endpoints(self):
    yield from _ec2_tagged(self)
    for resource_type, resources in (
        ("ec2:elastic-ip", [a for a in self.addresses if a.allocation_id]),
        ("ec2:vpc-endpoint", self.vpc_end_points.values()),
    ):
        for resource in resources:
            yield TaggedResource(
                arn=f"arn:{self.partition}:ec2:{self.region_name}:{self.account_id}:{resource_type.split(':')[1]}/{resource.id}",
                tags=dict(self.tags.get(resource.id, {})),
                resource_type=resource_type,
            )


rds_models.RDSBackend.iter_tagged_resources = _rds_tagged_with_groups
ec2_models.EC2Backend.iter_tagged_resources = _ec2_tagged_with_eips_and_endpoints



class CacheParameterGroupNotFound(ElastiCacheException):
    code = "CacheParameterGroupNotFound"

    def __init__(self, name):
        super().__init__(f"CacheParameterGroup {name} not found.")


class CacheParameterGroupAlreadyExists(ElastiCacheException):
    code = "CacheParameterGroupAlreadyExists"

    def __init__(self, name):
        super().__init__(f"CacheParameterGroup {name} already exists.")


_moto_elasticache_init = elasticache_models.ElastiCacheBackend.__init__


def _elasticache_init_with_parameter_groups(self, region_name, account_id):
    _moto_elasticache_init(self, region_name, account_id)
    self.arn_regex = re.compile(
        r"^arn:aws:elasticache:.*:[0-9]*:(cluster|snapshot|subnetgroup|replicationgroup|user|parametergroup):.*$"
    )
    self.cache_parameter_groups = {}


elasticache_models.ElastiCacheBackend.__init__ = _elasticache_init_with_parameter_groups


def _cache_parameter_group(self, name):
    group = self.elasticache_backend.cache_parameter_groups.get(name)
    if group is None:
        raise CacheParameterGroupNotFound(name)
    return group


def _create_cache_parameter_group(self):
    backend = self.elasticache_backend
    name = self._get_param("CacheParameterGroupName")
    if name in backend.cache_parameter_groups:
        raise CacheParameterGroupAlreadyExists(name)
    arn = f"arn:aws:elasticache:{self.region}:{self.current_account}:parametergroup:{name}"
    group = {
        "CacheParameterGroupName": name,
        "CacheParameterGroupFamily": self._get_param("CacheParameterGroupFamily"),
        "Description": self._get_param("Description"),
        "IsGlobal": False,
        "ARN": arn,
        "parameters": {},
    }
    backend.cache_parameter_groups[name] = group
    tags = self._get_param("Tags", [])
    if tags:
        backend.tagging_service.tag_resource(arn, tags)
    return ActionResult({"CacheParameterGroup": {k: v for k, v in group.items() if k != "parameters"}})


def _describe_cache_parameter_groups(self):
    name = self._get_param("CacheParameterGroupName")
    groups = (
        [_cache_parameter_group(self, name)]
        if name
        else list(self.elasticache_backend.cache_parameter_groups.values())
    )
    return ActionResult(
        {"CacheParameterGroups": [{k: v for k, v in g.items() if k != "parameters"} for g in groups]}
    )


def _describe_cache_parameters(self):
    group = _cache_parameter_group(self, self._get_param("CacheParameterGroupName"))
    source = self._get_param("Source")
    parameters = [
        {
            "ParameterName": name,
            "ParameterValue": value,
            "Source": "user",
            "DataType": "string",
            "IsModifiable": True,
        }
        for name, value in group["parameters"].items()
    ]
    if source and source != "user":
        parameters = []
    return ActionResult({"Parameters": parameters})


def _modify_cache_parameter_group(self):
    group = _cache_parameter_group(self, self._get_param("CacheParameterGroupName"))
    for parameter in self._get_param("ParameterNameValues", []):
        group["parameters"][parameter["ParameterName"]] = parameter.get("ParameterValue")
    return ActionResult({"CacheParameterGroupName": group["CacheParameterGroupName"]})


def _reset_cache_parameter_group(self):
    group = _cache_parameter_group(self, self._get_param("CacheParameterGroupName"))
    if self._get_bool_param("ResetAllParameters"):
        group["parameters"].clear()
    for parameter in self._get_param("ParameterNameValues", []):
        group["parameters"].pop(parameter["ParameterName"], None)
    return ActionResult({"CacheParameterGroupName": group["CacheParameterGroupName"]})


def _delete_cache_parameter_group(self):
    name = self._get_param("CacheParameterGroupName")
    group = _cache_parameter_group(self, name)
    self.elasticache_backend.tagging_service.delete_all_tags_for_resource(group["ARN"])
    del self.elasticache_backend.cache_parameter_groups[name]
    return EmptyResult()


_moto_create_replication_group = elasticache_models.ElastiCacheBackend.create_replication_group


def _create_replication_group_with_clusters(self, *args, **kwargs):
    group = _moto_create_replication_group(self, *args, **kwargs)
    for member in group.member_clusters:
        if member in self.cache_clusters:
            continue
        cluster = elasticache_models.CacheCluster(
            account_id=self.account_id,
            region_name=self.region_name,
            cache_cluster_id=member,
            cache_node_type=kwargs.get("cache_node_type"),
            replication_group_id=group.replication_group_id,
            az_mode=None,
            preferred_availability_zone=None,
            num_cache_nodes=1,
            engine=kwargs.get("engine") or "redis",
            engine_version=kwargs.get("engine_version"),
            cache_parameter_group_name=kwargs.get("cache_parameter_group_name"),
            cache_subnet_group_name=kwargs.get("cache_subnet_group_name"),
            transit_encryption_enabled=kwargs.get("transit_encryption_enabled"),
            network_type=None,
            ip_discovery=None,
            snapshot_name=None,
            preferred_maintenance_window=kwargs.get("preferred_maintenance_window"),
            port=kwargs.get("port"),
            notification_topic_arn=None,
            auto_minor_version_upgrade=kwargs.get("auto_minor_version_upgrade"),
            snapshot_retention_limit=kwargs.get("snapshot_retention_limit"),
            snapshot_window=kwargs.get("snapshot_window"),
            auth_token=kwargs.get("auth_token"),
            outpost_mode=None,
            preferred_outpost_arn=None,
            preferred_availability_zones=None,
            cache_security_group_names=kwargs.get("cache_security_group_names"),
            security_group_ids=kwargs.get("security_group_ids"),
            tags=None,
            snapshot_arns=None,
            preferred_outpost_arns=None,
            log_delivery_configurations=[],
            cache_node_ids_to_remove=None,
            cache_node_ids_to_reboot=None,
        )
        # what DescribeCacheClusters answers in AWS's shapes
        if kwargs.get("cache_parameter_group_name"):
            cluster.cache_parameter_group = {
                "CacheParameterGroupName": kwargs["cache_parameter_group_name"],
                "ParameterApplyStatus": "in-sync",
            }
        cluster.security_groups = [
            {"SecurityGroupId": g, "Status": "active"} for g in kwargs.get("security_group_ids") or []
        ]
        cluster.at_rest_encryption_enabled = bool(kwargs.get("at_rest_encryption_enabled"))
        cluster.replication_group_log_delivery_enabled = False
        self.cache_clusters[member] = cluster
    return group


def _delete_replication_group_and_clusters(self, replication_group_id, retain_primary_cluster):
    members = list(
        getattr(self.replication_groups.get(replication_group_id), "member_clusters", [])
    )
    group = _moto_delete_replication_group(self, replication_group_id, retain_primary_cluster)
    self.replication_groups.pop(replication_group_id, None)
    for member in members:
        self.cache_clusters.pop(member, None)
    return group


_moto_delete_replication_group = elasticache_models.ElastiCacheBackend.delete_replication_group
elasticache_models.ElastiCacheBackend.create_replication_group = _create_replication_group_with_clusters
elasticache_models.ElastiCacheBackend.delete_replication_group = _delete_replication_group_and_clusters

def _delete_cache_subnet_group(self):
    name = self._get_param("CacheSubnetGroupName")
    group = self.elasticache_backend.cache_subnet_groups.pop(name, None)
    if group is None:
        raise elasticache_models.CacheSubnetGroupNotFound(name)
    self.elasticache_backend.tagging_service.delete_all_tags_for_resource(group.arn)
    return EmptyResult()


for _name, _handler in (
    ("delete_cache_subnet_group", _delete_cache_subnet_group),
    ("create_cache_parameter_group", _create_cache_parameter_group),
    ("describe_cache_parameter_groups", _describe_cache_parameter_groups),
    ("describe_cache_parameters", _describe_cache_parameters),
    ("modify_cache_parameter_group", _modify_cache_parameter_group),
    ("reset_cache_parameter_group", _reset_cache_parameter_group),
    ("delete_cache_parameter_group", _delete_cache_parameter_group),
):
    setattr(elasticache_responses.ElastiCacheResponse, _name, _handler)

if __name__ == "__main__":
    sys.exit(main())
