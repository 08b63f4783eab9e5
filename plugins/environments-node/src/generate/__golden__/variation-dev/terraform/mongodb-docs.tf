resource "mongodbatlas_project" "docs" {
  name   = "var-dev-docs"
  org_id = var.atlas_org_id
}

resource "mongodbatlas_advanced_cluster" "docs" {
  project_id                     = mongodbatlas_project.docs.id
  name                           = "var-dev-docs"
  cluster_type                   = "REPLICASET"
  mongo_db_major_version         = "7.0"
  backup_enabled                 = false
  pit_enabled                    = false
  termination_protection_enabled = false

  replication_specs {
    region_configs {
      provider_name = "AWS"
      region_name   = "AP_SOUTHEAST_2"
      priority      = 7

      electable_specs {
        instance_size = "M10"
        node_count    = 3
      }
    }
  }
  advanced_configuration {
    minimum_enabled_tls_protocol = "TLS1_2"
  }
  tags {
    key   = "terrace-environment"
    value = "var-dev"
  }
  tags {
    key   = "terrace-component"
    value = "docs"
  }
}

resource "random_id" "docs_app_secret_name" {
  byte_length = 4
  keepers = {
    name = "var-dev/docs/app-user-"
  }
}

resource "random_password" "docs_app" {
  length  = 32
  special = false
}

resource "aws_secretsmanager_secret" "docs_app" {
  #checkov:skip=CKV2_AWS_57:rotation needs a rotation function in the VPC; rotate by replacing the random_password and applying
  name                    = "var-dev/docs/app-user-${random_id.docs_app_secret_name.hex}"
  description             = "Password of the application user of var-dev-docs"
  kms_key_id              = aws_kms_key.main.arn
  recovery_window_in_days = 7
  tags = {
    "terrace:component" = "docs"
  }
}

resource "aws_secretsmanager_secret_version" "docs_app" {
  secret_id     = aws_secretsmanager_secret.docs_app.id
  secret_string = random_password.docs_app.result
}

resource "mongodbatlas_database_user" "docs" {
  project_id         = mongodbatlas_project.docs.id
  username           = "app"
  password           = random_password.docs_app.result
  auth_database_name = "admin"

  roles {
    role_name     = "readWrite"
    database_name = "app"
  }
  scopes {
    name = mongodbatlas_advanced_cluster.docs.name
    type = "CLUSTER"
  }
}

resource "mongodbatlas_project_ip_access_list" "docs" {
  project_id = mongodbatlas_project.docs.id
  cidr_block = "10.20.0.0/16"
  comment    = "var-dev network"
}
