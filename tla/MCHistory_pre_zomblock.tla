------------------------------ MODULE MCHistory_pre_zomblock ------------------------------
(* Before 0730ed66e3 (2012-08-15): no PHOLDZOMB zombie lock; several thre *)
EXTENDS MCTwoWaiters
=============================================================================
