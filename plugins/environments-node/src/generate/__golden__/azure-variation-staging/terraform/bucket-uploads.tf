resource "azurerm_storage_container" "uploads" {
  #checkov:skip=CKV2_AZURE_21:blob read logging is on for the whole account: a diagnostic setting sends the blob service logs (allLogs) to Log Analytics
  name                  = "uploads"
  storage_account_id    = azurerm_storage_account.main.id
  container_access_type = "private"
}
