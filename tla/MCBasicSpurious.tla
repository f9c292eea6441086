------------------------------ MODULE MCBasicSpurious ------------------------------
(* The Basic world with spurious wakeups of any sleeping thread. *)
EXTENDS MCBasic
=============================================================================
