resource "google_secret_manager_secret" "app_database_password" {
  secret_id = "aussie-markets-staging-app-database-password"
  labels = {
    terrace-component = "app"
  }

  replication {
    user_managed {
      replicas {
        location = var.region
      }
    }
  }
}

resource "google_secret_manager_secret" "app_jwt_secret" {
  secret_id = "aussie-markets-staging-app-jwt-secret"
  labels = {
    terrace-component = "app"
  }

  replication {
    user_managed {
      replicas {
        location = var.region
      }
    }
  }
}
