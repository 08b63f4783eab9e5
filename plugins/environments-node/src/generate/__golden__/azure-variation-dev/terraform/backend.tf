terraform {
  backend "azurerm" {
    resource_group_name  = "rg-terrace-tfstate"
    storage_account_name = "terracetfstate5c08146f"
    container_name       = "tfstate"
    key                  = "environments/azvar-dev/terraform.tfstate"
    use_azuread_auth     = true
  }
}
