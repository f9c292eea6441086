------------------------------ MODULE DieHard ------------------------------
(***************************************************************************)
(* The Die Hard 3 water-jug puzzle: measure exactly 4 gallons with a       *)
(* 3-gallon and a 5-gallon jug.  After Leslie Lamport's DieHard.tla (TLA+  *)
(* video course; tlaplus/Examples specifications/DieHard), rewritten for   *)
(* exitspec's conformance suite.  TLC finds the solution as a violation of *)
(* the invariant NotSolved.                                                *)
(***************************************************************************)
EXTENDS Naturals

VARIABLES small, big

TypeOK == small \in 0..3 /\ big \in 0..5

Init == big = 0 /\ small = 0

FillSmall == small' = 3 /\ big' = big
FillBig == big' = 5 /\ small' = small
EmptySmall == small' = 0 /\ big' = big
EmptyBig == big' = 0 /\ small' = small

SmallToBig ==
  IF big + small =< 5
    THEN big' = big + small /\ small' = 0
    ELSE big' = 5 /\ small' = small - (5 - big)

BigToSmall ==
  IF big + small =< 3
    THEN small' = big + small /\ big' = 0
    ELSE small' = 3 /\ big' = big - (3 - small)

Next == \/ FillSmall \/ FillBig
        \/ EmptySmall \/ EmptyBig
        \/ SmallToBig \/ BigToSmall

Spec == Init /\ [][Next]_<<small, big>>

NotSolved == big # 4
=============================================================================
