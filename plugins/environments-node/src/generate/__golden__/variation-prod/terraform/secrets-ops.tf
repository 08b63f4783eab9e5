resource "aws_ssm_parameter" "ops_pagerduty_key" {
  # Placeholder only: set the value outside Terraform (aws ssm put-parameter --overwrite).
  name        = "/var-prod/ops/pagerduty-key"
  description = "Secret pagerduty-key of var-prod; value managed outside Terraform"
  type        = "SecureString"
  key_id      = aws_kms_key.main.arn
  value       = "set-outside-terraform"
  tags = {
    "terrace:component" = "ops"
  }

  lifecycle {
    ignore_changes = [value]
  }
}
