package org.pmoresearch.catalogue.config;

import org.pmoresearch.catalogue.domain.CatalogueSeeder;
import org.pmoresearch.catalogue.messaging.CataloguePublisher;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Seeds version 1 and publishes what Kafka has not acknowledged once the application is ready, then
 * keeps retrying on a fixed delay so that versions stored while the broker was down reach it when it is back.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PublishingConfig implements SchedulingConfigurer {

    private final CatalogueSeeder seeder;
    private final CataloguePublisher publisher;
    private final CatalogueProperties properties;

    PublishingConfig(CatalogueSeeder seeder, CataloguePublisher publisher, CatalogueProperties properties) {
        this.seeder = seeder;
        this.publisher = publisher;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedAndPublish() {
        seeder.seedFirstVersionIfEmpty();
        publisher.publishOutstanding();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(publisher::publishOutstanding,
                properties.publishRetryInterval(), properties.publishRetryInterval()));
    }
}
