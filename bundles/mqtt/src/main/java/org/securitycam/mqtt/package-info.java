/** MQTT and Home Assistant: the device's states, events and snapshots on a broker, and commands from it. */
package org.securitycam.mqtt;
