resource "mongodbatlas_project" "docs" {
  name   = "gcpvar-staging-docs"
  org_id = var.atlas_org_id
}

resource "mongodbatlas_advanced_cluster" "docs" {
  project_id                     = mongodbatlas_project.docs.id
  name                           = "gcpvar-staging-docs"
  cluster_type                   = "REPLICASET"
  mongo_db_major_version         = "7.0"
  backup_enabled                 = true
  pit_enabled                    = false
  termination_protection_enabled = false

  replication_specs {
    region_configs {
      provider_name = "GCP"
      region_name   = "CENTRAL_US"
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
    value = "gcpvar-staging"
  }
  tags {
    key   = "terrace-component"
    value = "docs"
  }
}

resource "random_password" "docs_app" {
  length           = 32
  special          = true
  override_special = "-_"
}

resource "google_secret_manager_secret" "docs_app" {
  secret_id = "gcpvar-staging-docs-app-password"
  labels = {
    terrace-component = "docs"
  }

  replication {
    user_managed {
      replicas {
        location = var.region
      }
    }
  }
}

resource "google_secret_manager_secret_version" "docs_app" {
  secret      = google_secret_manager_secret.docs_app.id
  secret_data = random_password.docs_app.result
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

resource "mongodbatlas_project_ip_access_list" "docs_nat" {
  project_id = mongodbatlas_project.docs.id
  cidr_block = "${google_compute_address.nat.address}/32"
  comment    = "gcpvar-staging Cloud NAT"
}
