------------------------------ MODULE EWD840 -------------------------------
(***************************************************************************)
(* Dijkstra, Feijen and van Gasteren's termination detection on a ring     *)
(* (EWD 840).  After Stephan Merz's EWD840.tla in tlaplus/Examples         *)
(* (specifications/ewd840), rewritten for exitspec's conformance suite.    *)
(* Node 0 starts probes; the token travels N-1, N-2, ..., 0 and comes back *)
(* white only if no node was active or tainted (black) on its way.         *)
(***************************************************************************)
EXTENDS Naturals

CONSTANT N
ASSUME NAssumption == N \in Nat \ {0}

VARIABLES active, color, tpos, tcolor

vars == <<active, color, tpos, tcolor>>

Node == 0 .. N-1
Color == {"white", "black"}

TypeOK == /\ active \in [Node -> BOOLEAN]
          /\ color \in [Node -> Color]
          /\ tpos \in Node
          /\ tcolor \in Color

\* Any type-correct state with a black token is initial.
Init == /\ active \in [Node -> BOOLEAN]
        /\ color \in [Node -> Color]
        /\ tpos \in Node
        /\ tcolor = "black"

InitiateProbe == /\ tpos = 0
                 /\ tcolor = "black" \/ color[0] = "black"
                 /\ tpos' = N - 1
                 /\ tcolor' = "white"
                 /\ active' = active
                 /\ color' = [color EXCEPT ![0] = "white"]

PassToken(i) == /\ tpos = i
                /\ ~ active[i] \/ color[i] = "black" \/ tcolor = "black"
                /\ tpos' = i - 1
                /\ tcolor' = IF color[i] = "black" THEN "black" ELSE tcolor
                /\ active' = active
                /\ color' = [color EXCEPT ![i] = "white"]

System == InitiateProbe \/ \E i \in Node \ {0} : PassToken(i)

SendMsg(i) == /\ active[i]
              /\ \E j \in Node \ {i} :
                    /\ active' = [active EXCEPT ![j] = TRUE]
                    /\ color' = [color EXCEPT ![i] = IF j > i THEN "black" ELSE @]
              /\ UNCHANGED <<tpos, tcolor>>

Deactivate(i) == /\ active[i]
                 /\ active' = [active EXCEPT ![i] = FALSE]
                 /\ UNCHANGED <<color, tpos, tcolor>>

Environment == \E i \in Node : SendMsg(i) \/ Deactivate(i)

Next == System \/ Environment

Spec == Init /\ [][Next]_vars /\ WF_vars(System)

terminationDetected == /\ tpos = 0 /\ tcolor = "white"
                       /\ color[0] = "white" /\ ~ active[0]

\* Safety: a white token back at a white, passive node 0 means every node is passive.
TerminationDetection == terminationDetected => \A i \in Node : ~ active[i]

\* Liveness (checked by the liveness issue, not by this model): termination is detected.
Liveness == (\A i \in Node : ~ active[i]) ~> terminationDetected

\* Dijkstra's inductive invariant, with labelled disjuncts.
Inv == \/ P0 :: \A i \in Node : tpos < i => ~ active[i]
       \/ P1 :: \E j \in 0 .. tpos : color[j] = "black"
       \/ P2 :: tcolor = "black"
=============================================================================
