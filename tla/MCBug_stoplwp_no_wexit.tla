-------------------------- MODULE MCBug_stoplwp_no_wexit --------------------------
(* Mutant stoplwp_no_wexit on the StopOnly world: see its .cfg.           *)
EXTENDS MCStopOnly
=============================================================================
