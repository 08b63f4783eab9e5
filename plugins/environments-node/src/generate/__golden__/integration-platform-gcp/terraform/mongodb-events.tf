resource "mongodbatlas_project" "events" {
  name   = "integration-platfor-246992"
  org_id = var.atlas_org_id
}

resource "mongodbatlas_advanced_cluster" "events" {
  project_id                     = mongodbatlas_project.events.id
  name                           = "integration-platfor-246992"
  cluster_type                   = "REPLICASET"
  mongo_db_major_version         = "7.0"
  backup_enabled                 = true
  pit_enabled                    = false
  termination_protection_enabled = false

  replication_specs {
    region_configs {
      provider_name = "GCP"
      region_name   = "WESTERN_EUROPE"
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
    value = "integration-platform-staging"
  }
  tags {
    key   = "terrace-component"
    value = "events"
  }
}

resource "random_password" "events_app" {
  length           = 32
  special          = true
  override_special = "-_"
}

resource "google_secret_manager_secret" "events_app" {
  secret_id = "integration-platform-staging-events-app-password"
  labels = {
    terrace-component = "events"
  }

  replication {
    user_managed {
      replicas {
        location = var.region
      }
    }
  }
}

resource "google_secret_manager_secret_version" "events_app" {
  secret      = google_secret_manager_secret.events_app.id
  secret_data = random_password.events_app.result
}

resource "mongodbatlas_database_user" "events" {
  project_id         = mongodbatlas_project.events.id
  username           = "app"
  password           = random_password.events_app.result
  auth_database_name = "admin"

  roles {
    role_name     = "readWrite"
    database_name = "app"
  }
  scopes {
    name = mongodbatlas_advanced_cluster.events.name
    type = "CLUSTER"
  }
}

resource "mongodbatlas_project_ip_access_list" "events_nat" {
  project_id = mongodbatlas_project.events.id
  cidr_block = "${google_compute_address.nat.address}/32"
  comment    = "integration-platform-staging Cloud NAT"
}
