------------------------------ MODULE MCHistory_pre_waitgen ------------------------------
(* Before 51818c080a (2013-10-24): no p_waitgen interlock and no parent-t *)
EXTENDS MCBasic
=============================================================================
