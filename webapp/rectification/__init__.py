"""整改 → 复查: after 核定完成 every item not met or partly met becomes a task (整改建议, 整改期限);
the school answers the tasks in its 整改报告 (措施, 成效, 佐证材料), an inspector re-inspects each
(复查); the bureau and the districts follow it in the 整改台账. The assessment itself stays
finalised: its score never changes here, and its 整改 stage is read from its tasks."""
