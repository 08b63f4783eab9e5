"""moto's server with two fixes for valid requests it mishandles; started by scripts/moto-env.sh.

1. moto 5.2.5 gives every RDS DB instance the same DbiResourceId ("db-M5ENSHXFPU6XHZ4G4ZEI5QIO2U",
moto/rds/models.py, DBInstance.__init__). The AWS provider stores that resource ID as the
aws_db_instance's ID and reads the instance back with the `dbi-resource-id` filter, so as soon as
a region holds two instances (a primary and its read replica, or two environments) the read finds
two and the provider reports "couldn't find resource". Real RDS gives each instance its own ID
("db-" and 26 upper-case letters and digits); so does this wrapper. Everything else is moto as
released: same arguments as moto_server (e.g. -H 127.0.0.1 -p 5001).

2. PutBucketLogging answers 500 when the target bucket's policy has a statement whose Principal
is the string "*" (valid IAM policy grammar; the generated access-log bucket denies non-TLS
requests to "*"): moto/s3/models.py FakeBucket._log_permissions_enabled_policy calls .get on it.
The wrapper lets that check read "*" as {"AWS": "*"}, which IAM treats as the same principal.
"""
import json
import secrets
import string
import sys

from moto.rds import models as rds_models
from moto.s3 import models as s3_models
from moto.server import main

_ALPHABET = string.ascii_uppercase + string.digits
_moto_init = rds_models.DBInstance.__init__


def _init_with_own_resource_id(self, *args, **kwargs):
    _moto_init(self, *args, **kwargs)
    self.dbi_resource_id = "db-" + "".join(secrets.choice(_ALPHABET) for _ in range(26))


rds_models.DBInstance.__init__ = _init_with_own_resource_id

_moto_log_permissions = s3_models.FakeBucket._log_permissions_enabled_policy


def _log_permissions_with_string_principals(target_bucket, target_prefix):
    policy = target_bucket.policy
    if not policy:
        return _moto_log_permissions(target_bucket, target_prefix)
    document = json.loads(policy.decode())
    statements = document.get("Statement", [])
    if isinstance(statements, dict):
        statements = [statements]
    for statement in statements:
        if isinstance(statement.get("Principal"), str):
            statement["Principal"] = {"AWS": statement["Principal"]}
    document["Statement"] = statements
    target_bucket.policy = json.dumps(document).encode()
    try:
        return _moto_log_permissions(target_bucket, target_prefix)
    finally:
        target_bucket.policy = policy


s3_models.FakeBucket._log_permissions_enabled_policy = staticmethod(
    _log_permissions_with_string_principals
)

if __name__ == "__main__":
    sys.exit(main())
