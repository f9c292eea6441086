---------------------------- MODULE MCMinixPMTree ----------------------------
(* The MINIX tree world: PM, INIT, two shells (2, 3) and a free slot (4);  *)
(* users do not wait (INIT's reaping loop still does), so NEW_PARENT, a     *)
(* tracer that is not the parent, TRACE_ZOMBIE, tracer_died and nested      *)
(* exits are all reachable in a few thousand states.                        *)
EXTENDS MCMinixPM
=============================================================================
