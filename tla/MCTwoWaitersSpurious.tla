------------------------------ MODULE MCTwoWaitersSpurious ------------------------------
(* The TwoWaiters world with spurious wakeups of any sleeping thread. *)
EXTENDS MCTwoWaiters
=============================================================================
