# EventBridge Scheduler runs discovery (catalog refresh) and the router (policy recompile, besides the catalog
# stream in lambda.tf). Both get an EventBridge-style scheduled event, which the handlers recognise by detail-type;
# the <aws.scheduler.*> placeholders are filled in by Scheduler at each run.

locals {
  schedules = {
    discovery = var.discovery_schedule
    router    = var.router_schedule
  }
}

resource "aws_scheduler_schedule" "function" {
  for_each = local.schedules

  name                = "${var.name}-${each.key}"
  description         = "Kilo Gateway ${var.name}: runs the ${each.key} function"
  schedule_expression = each.value

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_lambda_function.this[each.key].arn
    role_arn = aws_iam_role.scheduler.arn

    input = jsonencode({
      "detail-type" = "Scheduled Event"
      source        = "aws.scheduler"
      time          = "<aws.scheduler.scheduled-time>"
      resources     = ["<aws.scheduler.schedule-arn>"]
      id            = "<aws.scheduler.execution-id>"
      detail        = {}
    })

    # Both runs are idempotent, and the next one comes anyway: retry a little, drop stale events.
    retry_policy {
      maximum_retry_attempts       = 2
      maximum_event_age_in_seconds = 3600
    }
  }
}

# The completions function only reads the catalog; discovery writes it. Run discovery once as soon as it is
# deployed (again whenever its code changes) so the first request after `terraform apply` finds the models instead
# of waiting up to a schedule period. Provider keys stored later (make provider-keys) are picked up by the next
# scheduled run.
resource "aws_lambda_invocation" "first_discovery" {
  function_name = aws_lambda_function.this["discovery"].function_name

  input = jsonencode({
    "detail-type" = "Scheduled Event"
    source        = "kilo-gateway.deploy"
    detail        = {}
  })

  triggers = {
    code = aws_lambda_function.this["discovery"].source_code_hash
  }

  depends_on = [aws_iam_role_policy.function]
}
