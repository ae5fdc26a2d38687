# TencentDB for PostgreSQL read-only group networks, for the tencentcloud provider (Terraform 1.5+ import blocks).
# Regions: ap-guangzhou
# Scope: tricky names
# Generated at: 2026-01-02T03:04:05.000Z
# Networks: 7

# 报表组 (pgrogrp-cn000001) in ap-guangzhou: 10.0.0.5:5432
resource "tencentcloud_postgresql_readonly_group_network_access_attachment" "pgrogrp-cn000001_10_0_0_5" {
  db_instance_id    = "postgres-abc"
  readonly_group_id = "pgrogrp-cn000001"
  vpc_id            = "vpc-gaestjaf"
  subnet_id         = "subnet-4s9dejli"
  is_assign_vip     = true
  vip               = "10.0.0.5"

  # The provider does not read is_assign_vip back: without this, the import would plan to replace the network.
  lifecycle {
    ignore_changes = [is_assign_vip]
  }
}

import {
  to = tencentcloud_postgresql_readonly_group_network_access_attachment.pgrogrp-cn000001_10_0_0_5
  id = "postgres-abc#pgrogrp-cn000001#vpc-gaestjaf#10.0.0.5#5432"
}

# pgrogrp-empty001 (pgrogrp-empty001) in ap-guangzhou: 10.0.0.6:5432
resource "tencentcloud_postgresql_readonly_group_network_access_attachment" "pgrogrp-empty001_10_0_0_6" {
  db_instance_id    = "postgres-abc"
  readonly_group_id = "pgrogrp-empty001"
  vpc_id            = "vpc-gaestjaf"
  subnet_id         = "subnet-4s9dejli"
  is_assign_vip     = true
  vip               = "10.0.0.6"

  # The provider does not read is_assign_vip back: without this, the import would plan to replace the network.
  lifecycle {
    ignore_changes = [is_assign_vip]
  }
}

import {
  to = tencentcloud_postgresql_readonly_group_network_access_attachment.pgrogrp-empty001_10_0_0_6
  id = "postgres-abc#pgrogrp-empty001#vpc-gaestjaf#10.0.0.6#5432"
}

# Reports "EU" (pgrogrp-quote001) in ap-guangzhou: 10.0.0.7:5432
resource "tencentcloud_postgresql_readonly_group_network_access_attachment" "reports_eu_10_0_0_7" {
  db_instance_id    = "postgres-abc"
  readonly_group_id = "pgrogrp-quote001"
  vpc_id            = "vpc-gaestjaf"
  subnet_id         = "subnet-4s9dejli"
  is_assign_vip     = true
  vip               = "10.0.0.7"

  # The provider does not read is_assign_vip back: without this, the import would plan to replace the network.
  lifecycle {
    ignore_changes = [is_assign_vip]
  }
}

import {
  to = tencentcloud_postgresql_readonly_group_network_access_attachment.reports_eu_10_0_0_7
  id = "postgres-abc#pgrogrp-quote001#vpc-gaestjaf#10.0.0.7#5432"
}

# reports eu (pgrogrp-collide1) in ap-guangzhou: 10.0.0.7:5432
resource "tencentcloud_postgresql_readonly_group_network_access_attachment" "reports_eu_10_0_0_7_2" {
  db_instance_id    = "postgres-abc"
  readonly_group_id = "pgrogrp-collide1"
  vpc_id            = "vpc-gaestjaf"
  subnet_id         = "subnet-4s9dejli"
  is_assign_vip     = true
  vip               = "10.0.0.7"

  # The provider does not read is_assign_vip back: without this, the import would plan to replace the network.
  lifecycle {
    ignore_changes = [is_assign_vip]
  }
}

import {
  to = tencentcloud_postgresql_readonly_group_network_access_attachment.reports_eu_10_0_0_7_2
  id = "postgres-abc#pgrogrp-collide1#vpc-gaestjaf#10.0.0.7#5432"
}

# reports_eu_10_0_0_7_2 (pgrogrp-collide2) in ap-guangzhou: :5432
resource "tencentcloud_postgresql_readonly_group_network_access_attachment" "reports_eu_10_0_0_7_2_2" {
  db_instance_id    = "postgres-abc"
  readonly_group_id = "pgrogrp-collide2"
  vpc_id            = "vpc-gaestjaf"
  subnet_id         = "subnet-4s9dejli"
  is_assign_vip     = true
  vip               = ""

  # The provider does not read is_assign_vip back: without this, the import would plan to replace the network.
  lifecycle {
    ignore_changes = [is_assign_vip]
  }
}

import {
  to = tencentcloud_postgresql_readonly_group_network_access_attachment.reports_eu_10_0_0_7_2_2
  id = "postgres-abc#pgrogrp-collide2#vpc-gaestjaf##5432"
}

# 1st group (pgrogrp-digit001) in ap-guangzhou: 10.0.0.8:5432
resource "tencentcloud_postgresql_readonly_group_network_access_attachment" "_1st_group_10_0_0_8" {
  db_instance_id    = "postgres-abc"
  readonly_group_id = "pgrogrp-digit001"
  vpc_id            = "vpc-gaestjaf"
  subnet_id         = "subnet-4s9dejli"
  is_assign_vip     = true
  vip               = "10.0.0.8"

  # The provider does not read is_assign_vip back: without this, the import would plan to replace the network.
  lifecycle {
    ignore_changes = [is_assign_vip]
  }
}

import {
  to = tencentcloud_postgresql_readonly_group_network_access_attachment._1st_group_10_0_0_8
  id = "postgres-abc#pgrogrp-digit001#vpc-gaestjaf#10.0.0.8#5432"
}

# 组 () in ap-guangzhou: :5432
resource "tencentcloud_postgresql_readonly_group_network_access_attachment" "group" {
  db_instance_id    = "postgres-abc"
  readonly_group_id = ""
  vpc_id            = "vpc-gaestjaf"
  subnet_id         = "subnet-4s9dejli"
  is_assign_vip     = true
  vip               = ""

  # The provider does not read is_assign_vip back: without this, the import would plan to replace the network.
  lifecycle {
    ignore_changes = [is_assign_vip]
  }
}

import {
  to = tencentcloud_postgresql_readonly_group_network_access_attachment.group
  id = "postgres-abc##vpc-gaestjaf##5432"
}
