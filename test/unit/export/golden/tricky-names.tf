# TencentDB for PostgreSQL read-only groups and their networks, for the tencentcloud provider
# (1.83.25 or later; Terraform 1.5+ for the import blocks).
# Regions: ap-guangzhou
# Scope: tricky names
# Generated at: 2026-01-02T03:04:05.000Z
# Read-only groups: 4; networks: 8

terraform {
  required_providers {
    tencentcloud = {
      source  = "tencentcloudstack/tencentcloud"
      version = ">= 1.83.25"
    }
  }
}

provider "tencentcloud" {
  alias  = "ap_guangzhou"
  region = "ap-guangzhou"
}

# Read-only group 报表组 (pgrogrp-cn000001) of postgres-abc in ap-guangzhou
resource "tencentcloud_postgresql_readonly_group" "pgrogrp-cn000001" {
  provider                    = tencentcloud.ap_guangzhou
  master_db_instance_id       = "postgres-abc"
  name                        = "报表组"
  project_id                  = 0
  vpc_id                      = "vpc-gaestjaf"
  subnet_id                   = "subnet-4s9dejli"
  replay_lag_eliminate        = 1
  replay_latency_eliminate    = 1
  max_replay_lag              = 32
  max_replay_latency          = 512
  min_delay_eliminate_reserve = 1

  # The bound security groups could not be read (not read). Ignored, so that this configuration
  # can never plan to change them; list them here and remove this block once they are known.
  lifecycle {
    ignore_changes = [security_groups_ids]
  }
}

import {
  provider = tencentcloud.ap_guangzhou
  to       = tencentcloud_postgresql_readonly_group.pgrogrp-cn000001
  id       = "pgrogrp-cn000001"
}

# Read-only group Reports "EU" (pgrogrp-quote001) of postgres-abc in ap-guangzhou
resource "tencentcloud_postgresql_readonly_group" "reports_eu" {
  provider                    = tencentcloud.ap_guangzhou
  master_db_instance_id       = "postgres-abc"
  name                        = "Reports \"EU\""
  project_id                  = 0
  vpc_id                      = "vpc-gaestjaf"
  subnet_id                   = "subnet-4s9dejli"
  replay_lag_eliminate        = 1
  replay_latency_eliminate    = 1
  max_replay_lag              = 32
  max_replay_latency          = 512
  min_delay_eliminate_reserve = 1

  # The bound security groups could not be read (not read). Ignored, so that this configuration
  # can never plan to change them; list them here and remove this block once they are known.
  lifecycle {
    ignore_changes = [security_groups_ids]
  }
}

import {
  provider = tencentcloud.ap_guangzhou
  to       = tencentcloud_postgresql_readonly_group.reports_eu
  id       = "pgrogrp-quote001"
}

# Read-only group reports eu (pgrogrp-collide1) of postgres-abc in ap-guangzhou
resource "tencentcloud_postgresql_readonly_group" "reports_eu_2" {
  provider                    = tencentcloud.ap_guangzhou
  master_db_instance_id       = "postgres-abc"
  name                        = "reports eu"
  project_id                  = 0
  vpc_id                      = "vpc-gaestjaf"
  subnet_id                   = "subnet-4s9dejli"
  replay_lag_eliminate        = 1
  replay_latency_eliminate    = 1
  max_replay_lag              = 32
  max_replay_latency          = 512
  min_delay_eliminate_reserve = 1

  # The bound security groups could not be read (not read). Ignored, so that this configuration
  # can never plan to change them; list them here and remove this block once they are known.
  lifecycle {
    ignore_changes = [security_groups_ids]
  }
}

import {
  provider = tencentcloud.ap_guangzhou
  to       = tencentcloud_postgresql_readonly_group.reports_eu_2
  id       = "pgrogrp-collide1"
}

# Read-only group 1st (pgrogrp-digit001) of postgres-abc in ap-guangzhou
resource "tencentcloud_postgresql_readonly_group" "_1st" {
  provider                    = tencentcloud.ap_guangzhou
  master_db_instance_id       = "postgres-abc"
  name                        = "1st"
  project_id                  = 0
  vpc_id                      = "vpc-gaestjaf"
  subnet_id                   = "subnet-4s9dejli"
  replay_lag_eliminate        = 1
  replay_latency_eliminate    = 1
  max_replay_lag              = 32
  max_replay_latency          = 512
  min_delay_eliminate_reserve = 1

  # The bound security groups could not be read (not read). Ignored, so that this configuration
  # can never plan to change them; list them here and remove this block once they are known.
  lifecycle {
    ignore_changes = [security_groups_ids]
  }
}

import {
  provider = tencentcloud.ap_guangzhou
  to       = tencentcloud_postgresql_readonly_group._1st
  id       = "pgrogrp-digit001"
}
