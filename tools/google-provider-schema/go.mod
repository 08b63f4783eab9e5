module github.com/terrace/tools/google-provider-schema

go 1.23.0

require (
	github.com/hashicorp/terraform-json v0.25.0
	github.com/lonegunmanb/terraform-google-schema/v6 v6.30.0
)

require (
	github.com/apparentlymart/go-textseg/v15 v15.0.0 // indirect
	github.com/hashicorp/go-version v1.7.0 // indirect
	github.com/zclconf/go-cty v1.16.2 // indirect
	golang.org/x/text v0.24.0 // indirect
)
