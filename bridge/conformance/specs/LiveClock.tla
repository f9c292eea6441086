----------------------------- MODULE LiveClock -----------------------------
(***************************************************************************)
(* A clock hand going round 0 -> 1 -> 2 -> 0.  Written for exitspec's      *)
(* liveness conformance cases: with weak fairness the hand returns to 0    *)
(* infinitely often; without it, the behaviour may stutter forever at 0;   *)
(* it never shows 3, so <>(hand = 3) fails on a lasso even when fair.      *)
(***************************************************************************)
EXTENDS Naturals

VARIABLE hand

Init == hand = 0
Tick == hand' = (hand + 1) % 3
Next == Tick

FairSpec == Init /\ [][Next]_hand /\ WF_hand(Tick)
UnfairSpec == Init /\ [][Next]_hand

InfinitelyOftenZero == []<>(hand = 0)
EventuallyTwo == <>(hand = 2)
EventuallyThree == <>(hand = 3)
ZeroLeadsToTwo == (hand = 0) ~> (hand = 2)
EventuallyAlwaysZero == <>[](hand = 0)
OneLeadsToThree == (hand = 1) ~> (hand = 3)
=============================================================================
