DROP TABLE audit_tmp_2024;
