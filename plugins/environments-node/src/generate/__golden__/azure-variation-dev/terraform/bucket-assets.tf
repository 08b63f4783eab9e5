resource "azurerm_storage_container" "assets" {
  #checkov:skip=CKV2_AZURE_21:blob read logging is on for the whole account: a diagnostic setting sends the blob service logs (allLogs) to Log Analytics
  #checkov:skip=CKV_AZURE_34:a public bucket: its blobs are read anonymously (no listing) by Front Door Standard for the cdn edge, which has no private link to origins
  name                  = "assets"
  storage_account_id    = azurerm_storage_account.public.id
  container_access_type = "blob"
}
