resource "mongodbatlas_project" "docs" {
  name   = "var-prod-docs"
  org_id = var.atlas_org_id
}

resource "mongodbatlas_advanced_cluster" "docs" {
  project_id                     = mongodbatlas_project.docs.id
  name                           = "var-prod-docs"
  cluster_type                   = "REPLICASET"
  mongo_db_major_version         = "7.0"
  backup_enabled                 = true
  pit_enabled                    = true
  termination_protection_enabled = true

  replication_specs {
    region_configs {
      provider_name = "AWS"
      region_name   = "EU_WEST_1"
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
    value = "var-prod"
  }
  tags {
    key   = "terrace-component"
    value = "docs"
  }
}

resource "random_id" "docs_app_secret_name" {
  byte_length = 4
  keepers = {
    name = "var-prod/docs/app-user-"
  }
}

resource "random_password" "docs_app" {
  length  = 32
  special = false
}

resource "aws_secretsmanager_secret" "docs_app" {
  #checkov:skip=CKV2_AWS_57:rotation needs a rotation function in the VPC; rotate by replacing the random_password and applying
  name                    = "var-prod/docs/app-user-${random_id.docs_app_secret_name.hex}"
  description             = "Password of the application user of var-prod-docs"
  kms_key_id              = aws_kms_key.main.arn
  recovery_window_in_days = 30
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
  comment    = "var-prod network"
}

resource "aws_security_group" "docs" {
  name        = "var-prod-docs-endpoint"
  description = "PrivateLink endpoint of docs: from the environment's services"
  vpc_id      = aws_vpc.main.id
  tags = {
    Name                = "var-prod-docs-endpoint"
    "terrace:component" = "docs"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "docs_from_api" {
  #checkov:skip=CKV_AWS_25:the source is the services security group, not an address range; Atlas PrivateLink maps each node to its own port in 1024-65535
  security_group_id            = aws_security_group.docs.id
  referenced_security_group_id = aws_security_group.api.id
  ip_protocol                  = "tcp"
  from_port                    = 1024
  to_port                      = 65535
  description                  = "api to docs"
  tags = {
    "terrace:component" = "docs"
  }
}

resource "aws_vpc_security_group_egress_rule" "api_to_docs" {
  security_group_id            = aws_security_group.api.id
  referenced_security_group_id = aws_security_group.docs.id
  ip_protocol                  = "tcp"
  from_port                    = 1024
  to_port                      = 65535
  description                  = "api to docs"
  tags = {
    "terrace:component" = "api"
  }
}

resource "aws_vpc_security_group_ingress_rule" "docs_from_workers" {
  #checkov:skip=CKV_AWS_25:the source is the services security group, not an address range; Atlas PrivateLink maps each node to its own port in 1024-65535
  security_group_id            = aws_security_group.docs.id
  referenced_security_group_id = aws_security_group.workers.id
  ip_protocol                  = "tcp"
  from_port                    = 1024
  to_port                      = 65535
  description                  = "workers to docs"
  tags = {
    "terrace:component" = "docs"
  }
}

resource "aws_vpc_security_group_egress_rule" "workers_to_docs" {
  security_group_id            = aws_security_group.workers.id
  referenced_security_group_id = aws_security_group.docs.id
  ip_protocol                  = "tcp"
  from_port                    = 1024
  to_port                      = 65535
  description                  = "workers to docs"
  tags = {
    "terrace:component" = "workers"
  }
}

resource "mongodbatlas_privatelink_endpoint" "docs" {
  project_id    = mongodbatlas_project.docs.id
  provider_name = "AWS"
  region        = "eu-west-1"
}

resource "aws_vpc_endpoint" "docs" {
  vpc_id             = aws_vpc.main.id
  service_name       = mongodbatlas_privatelink_endpoint.docs.endpoint_service_name
  vpc_endpoint_type  = "Interface"
  subnet_ids         = aws_subnet.data[*].id
  security_group_ids = [aws_security_group.docs.id]
  tags = {
    "terrace:component" = "docs"
  }
}

resource "mongodbatlas_privatelink_endpoint_service" "docs" {
  project_id          = mongodbatlas_project.docs.id
  private_link_id     = mongodbatlas_privatelink_endpoint.docs.private_link_id
  endpoint_service_id = aws_vpc_endpoint.docs.id
  provider_name       = "AWS"
}
