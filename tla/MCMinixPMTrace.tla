---------------------------- MODULE MCMinixPMTrace ----------------------------
(* The large MINIX world: the tree world of MCMinixPMTree plus wait4(-1) by *)
(* every user. About 217,000 distinct states (two minutes with exitspec     *)
(* check); not part of npm test, run it by hand (docs/minix.md).            *)
EXTENDS MCMinixPM
=============================================================================
