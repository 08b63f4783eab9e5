terraform {
  backend "azurerm" {
    resource_group_name  = "rg-terrace-tfstate"
    storage_account_name = "terracetfstate96d11bdb"
    container_name       = "tfstate"
    key                  = "environments/azvar-prod/terraform.tfstate"
    use_azuread_auth     = true
  }
}
