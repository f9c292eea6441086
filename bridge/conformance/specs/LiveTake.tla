------------------------------ MODULE LiveTake ------------------------------
(***************************************************************************)
(* A door that keeps opening and closing, and a visitor who can only go    *)
(* through while it is open.  Written for exitspec's liveness conformance  *)
(* cases: Take is enabled only intermittently, so weak fairness does not   *)
(* make the visitor pass (the door may close every time), strong fairness  *)
(* does.                                                                   *)
(***************************************************************************)
VARIABLES open, passed

vars == <<open, passed>>

Init == open = FALSE /\ passed = FALSE

Toggle == open' = ~open /\ UNCHANGED passed
Take == open /\ ~passed /\ passed' = TRUE /\ UNCHANGED open

Next == Toggle \/ Take

WeakSpec == Init /\ [][Next]_vars /\ WF_vars(Toggle) /\ WF_vars(Take)
StrongSpec == Init /\ [][Next]_vars /\ WF_vars(Toggle) /\ SF_vars(Take)

EventuallyPassed == <>passed
=============================================================================
