resource "aws_ecs_cluster" "main" {
  name = "aussie-markets-staging"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
  tags = {
    "terrace:component" = "shared"
  }
}
