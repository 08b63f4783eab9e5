"""moto's server with one fix the AWS provider needs; started by scripts/moto-env.sh.

moto 5.2.5 gives every RDS DB instance the same DbiResourceId ("db-M5ENSHXFPU6XHZ4G4ZEI5QIO2U",
moto/rds/models.py, DBInstance.__init__). The AWS provider stores that resource ID as the
aws_db_instance's ID and reads the instance back with the `dbi-resource-id` filter, so as soon as
a region holds two instances (a primary and its read replica, or two environments) the read finds
two and the provider reports "couldn't find resource". Real RDS gives each instance its own ID
("db-" and 26 upper-case letters and digits); so does this wrapper. Everything else is moto as
released: same arguments as moto_server (e.g. -H 127.0.0.1 -p 5001).
"""
import secrets
import string
import sys

from moto.rds import models as rds_models
from moto.server import main

_ALPHABET = string.ascii_uppercase + string.digits
_moto_init = rds_models.DBInstance.__init__


def _init_with_own_resource_id(self, *args, **kwargs):
    _moto_init(self, *args, **kwargs)
    self.dbi_resource_id = "db-" + "".join(secrets.choice(_ALPHABET) for _ in range(26))


rds_models.DBInstance.__init__ = _init_with_own_resource_id

if __name__ == "__main__":
    sys.exit(main())
