---------------------------- MODULE MCMinixPMLive ----------------------------
(* Liveness of the MINIX PM model on the MCMinixPM world, under FairSpec   *)
(* (weak fairness on PM sub-steps and VFS replies).                        *)
EXTENDS MCMinixPM
=============================================================================
