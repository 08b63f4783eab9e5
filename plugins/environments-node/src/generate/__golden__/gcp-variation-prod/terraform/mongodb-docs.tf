resource "mongodbatlas_project" "docs" {
  name   = "gcpvar-prod-docs"
  org_id = var.atlas_org_id
}

resource "mongodbatlas_advanced_cluster" "docs" {
  project_id                     = mongodbatlas_project.docs.id
  name                           = "gcpvar-prod-docs"
  cluster_type                   = "REPLICASET"
  mongo_db_major_version         = "7.0"
  backup_enabled                 = true
  pit_enabled                    = true
  termination_protection_enabled = true

  replication_specs {
    region_configs {
      provider_name = "GCP"
      region_name   = "EUROPE_WEST_3"
      priority      = 7

      electable_specs {
        instance_size = "M30"
        node_count    = 3
      }
    }
  }
  advanced_configuration {
    minimum_enabled_tls_protocol = "TLS1_2"
  }
  tags {
    key   = "terrace-environment"
    value = "gcpvar-prod"
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
  secret_id = "gcpvar-prod-docs-app-password"
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
  comment    = "gcpvar-prod Cloud NAT"
}

resource "mongodbatlas_privatelink_endpoint" "docs" {
  project_id    = mongodbatlas_project.docs.id
  provider_name = "GCP"
  region        = var.region
}

resource "google_compute_address" "docs_atlas" {
  count        = 50
  name         = "gcpvar-prod-docs-atlas-${count.index}"
  description  = "Private Service Connect endpoint ${count.index} to MongoDB Atlas (docs)"
  region       = var.region
  subnetwork   = google_compute_subnetwork.main.id
  address_type = "INTERNAL"
  labels = {
    terrace-component = "docs"
  }
  depends_on = [mongodbatlas_privatelink_endpoint.docs]
}

resource "google_compute_forwarding_rule" "docs_atlas" {
  count                 = 50
  name                  = google_compute_address.docs_atlas[count.index].name
  region                = var.region
  network               = google_compute_network.main.id
  ip_address            = google_compute_address.docs_atlas[count.index].id
  target                = mongodbatlas_privatelink_endpoint.docs.service_attachment_names[count.index]
  load_balancing_scheme = ""
  labels = {
    terrace-component = "docs"
  }
}

resource "mongodbatlas_privatelink_endpoint_service" "docs" {
  project_id          = mongodbatlas_privatelink_endpoint.docs.project_id
  private_link_id     = mongodbatlas_privatelink_endpoint.docs.private_link_id
  provider_name       = "GCP"
  endpoint_service_id = google_compute_network.main.name
  gcp_project_id      = var.project_id

  dynamic "endpoints" {
    for_each = google_compute_address.docs_atlas

    content {
      ip_address    = endpoints.value.address
      endpoint_name = google_compute_forwarding_rule.docs_atlas[endpoints.key].name
    }
  }
  depends_on = [google_compute_forwarding_rule.docs_atlas]
}
