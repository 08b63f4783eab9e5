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
"""
import fnmatch
import json
import secrets
import string
import sys

from moto.core.resource_tagging import TaggedResource
from moto.ec2 import models as ec2_models
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

if __name__ == "__main__":
    sys.exit(main())
