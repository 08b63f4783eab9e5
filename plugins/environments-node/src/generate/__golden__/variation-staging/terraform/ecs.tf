resource "aws_ecs_cluster" "main" {
  name = "var-staging"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
  tags = {
    "terrace:component" = "shared"
  }
}
