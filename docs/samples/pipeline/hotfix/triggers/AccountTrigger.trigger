trigger AccountTrigger on Account (before update) {
    AccountTriggerHandler.beforeUpdate(Trigger.new, Trigger.oldMap);
}
