-------------------------- MODULE MCLiveBug_no_waitgen --------------------------
(* Liveness of the no_waitgen mutant (Basic world), deadlock checking off: *)
(* the lost wakeup shows as a violation of WaiterWithZombieReturns.       *)
EXTENDS MCBasic
=============================================================================
