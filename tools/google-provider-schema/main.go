// Command google-provider-schema prints, as JSON, the published Terraform schema of the google provider
// resource and data source types named on its command line. The schemas come from the Go module
// github.com/lonegunmanb/terraform-google-schema/v6, whose tags follow the provider's releases; the
// version in go.mod is the provider version Terrace validates its generated configuration against.
//
// Usage:
//
//	google-provider-schema google_compute_network google_sql_database_instance data.google_project
//
// Output: {"providerVersion": "...", "resources": {...}, "dataSources": {...}, "unknown": [...]}
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime/debug"
	"sort"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/lonegunmanb/terraform-google-schema/v6/generated"
)

const schemaModule = "github.com/lonegunmanb/terraform-google-schema/v6"

type output struct {
	ProviderVersion string                    `json:"providerVersion"`
	Resources       map[string]*tfjson.Schema `json:"resources"`
	DataSources     map[string]*tfjson.Schema `json:"dataSources"`
	Unknown         []string                  `json:"unknown"`
}

func providerVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, dep := range info.Deps {
		if dep.Path == schemaModule {
			return strings.TrimPrefix(dep.Version, "v")
		}
	}
	return "unknown"
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: google-provider-schema <resource type | data.<data source type>>...")
		os.Exit(2)
	}
	out := output{
		ProviderVersion: providerVersion(),
		Resources:       map[string]*tfjson.Schema{},
		DataSources:     map[string]*tfjson.Schema{},
		Unknown:         []string{},
	}
	for _, name := range os.Args[1:] {
		if ds, isData := strings.CutPrefix(name, "data."); isData {
			if s, ok := generated.DataSources[ds]; ok {
				out.DataSources[ds] = s
				continue
			}
		} else if s, ok := generated.Resources[name]; ok {
			out.Resources[name] = s
			continue
		}
		out.Unknown = append(out.Unknown, name)
	}
	sort.Strings(out.Unknown)
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "google-provider-schema:", err)
		os.Exit(1)
	}
}
